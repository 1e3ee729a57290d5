import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    setupFiles: ['test/unit/fast-check-seed.ts'],
    testTimeout: 60_000,
  },
});
