import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built web app (`npm run build:web`) in headless Chromium. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/serve-built-app.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
