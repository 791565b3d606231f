import { defineConfig } from 'vitest/config';

// The CI machine is a slow, shared 2-core box: generous timeouts, no timing assertions.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Tests start the compiled CLI and bot as users do: build dist/ from the current sources first.
    globalSetup: ['tests/helpers/build-dist.ts'],
  },
});
