import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Component tests (`// @vitest-environment happy-dom`) fetch relative /api paths from this origin.
    environmentOptions: { happyDOM: { url: 'http://localhost:5173/' } },
    // Hang detectors, not speed checks: a fresh PGlite runs every migration (triggers and backfills
    // included) on the test's thread, which took over 30 s on 2 cores at a load average of 20.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
