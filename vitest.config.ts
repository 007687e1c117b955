import { defineConfig } from 'vitest/config';

// One vitest run over every package, so CI gets a single report to count.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'test/vitest.config.ts', 'bench/vitest.config.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
