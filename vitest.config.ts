import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // PGlite start-up and PostgreSQL database creation take a moment on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
