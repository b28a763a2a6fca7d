// Shared jest settings: TypeScript through swc (same options as the build), workspace aliases.
const { root, swcOptions, aliases } = require('./scripts/swc-options.cjs');

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions({ sourceMaps: 'inline' }), swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(
    Object.entries(aliases).map(([alias, [target]]) => [`^${escapeRegExp(alias)}$`, `<rootDir>/${target}`]),
  ),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
