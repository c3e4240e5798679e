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
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
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
            { target: './src/app/features', from: ['./src/app/app.tsx', './src/app/main.tsx'], message: 'Features never import the app shell.' },
            ...featureZones('src/app', ['card', 'coupons', 'dev-personas', 'link', 'points', 'profile', 'session', 'stamps']),
            { target: './src/clerk/lib', from: './src/clerk/features', message: 'Shared lib must not depend on features.' },
            { target: './src/clerk/features', from: './src/clerk/app.tsx', message: 'Features never import the app shell.' },
            ...featureZones('src/clerk', ['audit', 'auth', 'register', 'scan']),
            { target: './src/admin/lib', from: ['./src/admin/features', './src/admin/components'], message: 'Shared lib must not depend on features.' },
            { target: './src/admin/components', from: './src/admin/features', message: 'Shared components must not depend on features.' },
            { target: './src/admin/features', from: './src/admin/app.tsx', message: 'Features never import the app shell.' },
            ...featureZones('src/admin', ['auth', 'dashboard', 'program']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod(/|$)|\\./)', message: 'The contract imports only zod and itself.' }] }],
    },
  },
);
