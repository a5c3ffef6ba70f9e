import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    // A test that makes no assertion fails: every test must be able to fail (BRIEF).
    expect: { requireAssertions: true },
    pool: 'threads',
  },
});
