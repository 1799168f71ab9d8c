// The bundled dist/ run the way the runner and a user run it: the end-to-end tests with
// SDIST_DIFF_TARGET=dist (see __tests__/helpers/target.ts), and the tests only separate processes show.
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['**/__tests__/e2e/**/*.test.ts', '**/__tests__/dist-only/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  collectCoverageFrom: []
}
