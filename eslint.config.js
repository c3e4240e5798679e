import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Architecture rules, enforced rather than hoped for (after bulletproof-react):
 * the server and the browser code never import each other, the contract imports only zod,
 * and a feature never reaches into a sibling feature or the app shell.
 */
const featureZones = (root, features) =>
  features.map((feature) => ({
    target: `./${root}/features/${feature}`,
    from: `./${root}/features`,
    except: [`./${feature}`],
    message: 'A feature imports only from src/contract, shared lib/ and itself.',
  }));

/**
 * The server's rooms from the bottom up: a module may import only the rooms below it, so no
 * import runs back up and there are no cycles between rooms. (Type imports included: a type is
 * a dependency too.) Tests are exempt, they sit beside the code and use testing/.
 */
const serverLayers = [
  ['config'],
  ['logging'],
  ['db'],
  ['http'],
  ['postal'],
  ['members'],
  ['auth'],
  ['loyalty'],
  ['line'],
  // Wallet passes: read the card (loyalty), deliver through the outbox (line); withdrawal (linking, profile) voids them.
  ['wallet'],
  ['profile'],
  ['linking'],
  ['staff'],
  ['dashboard'],
  // Segment messages: filters over members and loyalty, sends through the outbox, audited like staff actions.
  ['segments'],
  ['dev'],
  // Composition: builds the app and the processes from everything below.
  ['app', 'bootstrap.ts', 'main.ts', 'jobs', 'demo-data'],
  ['testing', 'reliability'],
];
const serverPath = (room) => `./src/server/${room}`;
const serverLayerZones = serverLayers.flatMap((rooms, rank) => {
  const above = serverLayers.slice(rank + 1).flat().map(serverPath);
  return above.length === 0 ? [] : rooms.map((room) => ({
    target: serverPath(room),
    from: above,
    message: `src/server/${room} ranks below ${serverLayers.slice(rank + 1).flat().join(', ')}: it imports only the rooms below it (see docs/architecture.md).`,
  }));
});
const mocksZone = {
  target: './src/server',
  from: './mocks',
  message: 'Only src/server/dev (dev-fixtures.ts) and src/server/testing import mocks/.',
};

const baseZones = [
  { target: './src/server', from: ['./src/app', './src/clerk', './src/admin', './src/shared'], message: 'The BFF never imports browser code.' },
  { target: './src/app', from: './src/server', message: 'The SPA talks to the BFF over HTTP, through src/contract.' },
  { target: './src/contract', from: ['./src/app', './src/server', './mocks'], message: 'The contract imports only zod.' },
  { target: './src/shared', from: ['./src/app', './src/server', './src/clerk', './src/admin'], message: 'src/shared is browser code every part may use; it depends on no part.' },
  { target: './src/clerk', from: ['./src/app', './src/server', './src/admin'], message: 'The clerk console is its own part: it shares only src/contract, src/shared and the staff UI kit.' },
  { target: './src/admin', from: ['./src/app', './src/server', './src/clerk'], message: 'The dashboard is its own part: it shares only src/contract, src/shared and the staff UI kit.' },
  { target: './src/app', from: ['./src/clerk', './src/admin', './src/staff-kit'], message: 'The shopper bundle never contains staff code.' },
  { target: './src/staff-kit', from: ['./src/app', './src/server', './src/clerk', './src/admin', './mocks'], message: 'The staff UI kit (shared by clerk and admin) imports only src/contract and src/shared.' },
  { target: './src/shared', from: './src/staff-kit', message: 'src/shared depends on no part, the staff UI kit included.' },
  { target: './src/app/lib', from: './src/app/features', message: 'Shared lib must not depend on features.' },
  { target: './src/app/features', from: ['./src/app/app.tsx', './src/app/main.tsx', './src/app/routes'], message: 'Features never import the app shell.' },
  ...featureZones('src/app', ['card', 'coupons', 'dev-personas', 'link', 'mypage', 'points', 'profile', 'session', 'stamps']),
  { target: './src/clerk/lib', from: './src/clerk/features', message: 'Shared lib must not depend on features.' },
  { target: './src/clerk/features', from: './src/clerk/app.tsx', message: 'Features never import the app shell.' },
  ...featureZones('src/clerk', ['anomalies', 'audit', 'register', 'scan']),
  { target: './src/admin/lib', from: ['./src/admin/features', './src/admin/components'], message: 'Shared lib must not depend on features.' },
  { target: './src/admin/components', from: './src/admin/features', message: 'Shared components must not depend on features.' },
  { target: './src/admin/features', from: './src/admin/app.tsx', message: 'Features never import the app shell.' },
  ...featureZones('src/admin', ['dashboard', 'program']),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', 'src/server/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: baseZones }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.test.ts', 'src/server/testing/**', 'src/server/dev/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...baseZones, ...serverLayerZones, mocksZone] }] },
  },
  {
    files: ['src/server/dev/**/*.ts'],
    ignores: ['src/server/**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...baseZones, ...serverLayerZones] }] },
  },
  {
    files: ['src/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod(/|$)|\\./)', message: 'The contract imports only zod and itself.' }] }],
    },
  },
);
