// jest in ESM mode: ts-jest compiles TypeScript, node's vm modules run it (see STYLE.md).
// `npm test` runs every test against src/ (with coverage in CI: `npm test -- --coverage`); `npm run test:dist` runs the end-to-end tests
// and the process-level ones against the bundled dist/ (jest.dist.config.js).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/dist-only/'],
  testTimeout: 30000,
  setupFiles: ['<rootDir>/__tests__/helpers/no-cache.ts'],
  // Both cores, and a worker restarted when it holds on to memory (vm modules leak across test files).
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
  collectCoverageFrom: ['src/**/*.ts'],
  coverageProvider: 'v8',
  coverageReporters: ['text', 'text-summary']
}
