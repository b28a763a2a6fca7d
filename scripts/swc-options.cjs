// One compiler configuration for the build and for jest: TypeScript with Nest's decorators and
// their metadata, CommonJS, and the workspace's path aliases rewritten to relative imports.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

function swcOptions({ sourceMaps = true } = {}) {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: tsconfig.compilerOptions.paths,
    },
    module: { type: 'commonjs', strictMode: true },
    sourceMaps,
  };
}

module.exports = { root, swcOptions, aliases: tsconfig.compilerOptions.paths };
