import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Component tests (`// @vitest-environment happy-dom`) fetch relative /api paths from this origin.
    environmentOptions: { happyDOM: { url: 'http://localhost:5173/' } },
    // PGlite start-up and PostgreSQL database creation take a moment on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
