// Unit tests: pure logic, no database, no broker, no browser (`*.spec.ts` beside the code).
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'],
};
