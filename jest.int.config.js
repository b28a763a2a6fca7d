// Integration and end-to-end tests: real PostgreSQL, a real Kafka broker and headless Chromium,
// started once per run by the global setup (`*.int-spec.ts`, `apps/*/test/*.e2e-spec.ts`).
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts', '<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
