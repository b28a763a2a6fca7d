// Shared jest settings: TypeScript through the build's own compiler (which also resolves aliases).
const { root } = require('./scripts/compile.cjs');

module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
