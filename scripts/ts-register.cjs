// `node -r ./scripts/ts-register.cjs file.ts`: runs TypeScript through the build's compiler, for
// child processes that tests spawn and kill (a consumer process, a relay process).
const { readFileSync } = require('node:fs');
const { compile } = require('./compile.cjs');

require.extensions['.ts'] = function compileTypeScript(module, fileName) {
  const { code } = compile(readFileSync(fileName, 'utf8'), fileName);
  module._compile(code, fileName);
};
