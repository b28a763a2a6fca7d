// Jest's TypeScript transform: the same compiler as the build (scripts/compile.cjs).
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { compile } = require('./compile.cjs');

const compilerVersion = createHash('sha256')
  .update(readFileSync(join(__dirname, 'compile.cjs')))
  .update(readFileSync(join(__dirname, '..', 'tsconfig.base.json')))
  .digest('hex');

module.exports = {
  process(source, fileName) {
    return compile(source, fileName);
  },
  getCacheKey(source, fileName) {
    return createHash('sha256').update(compilerVersion).update(fileName).update(source).digest('hex');
  },
};
