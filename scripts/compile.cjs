// One compiler for the build and for jest: TypeScript's own transpiler (no type checking; that is
// `npm run typecheck`), CommonJS with Nest's decorator metadata, and the workspace's path aliases
// rewritten to relative requires, so dist/, jest and jest's global setup resolve them the same way.
const { readFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const ts = require('typescript');

const root = join(__dirname, '..');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = tsconfig.compilerOptions.paths;

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  esModuleInterop: true,
  sourceMap: true,
  inlineSources: true,
  isolatedModules: true,
};

const ALIAS_REQUIRE = /require\("(@grantline\/[a-z-]+)"\)/g;

function rewriteAliases(code, fileName) {
  return code.replace(ALIAS_REQUIRE, (match, alias) => {
    const target = aliases[alias];
    if (!target) return match;
    let path = relative(dirname(fileName), join(root, target[0].replace(/\.ts$/, '')));
    if (!path.startsWith('.')) path = `./${path}`;
    return `require("${path}")`;
  });
}

/** Compiles one TypeScript file; `fileName` is its absolute source path. */
function compile(source, fileName) {
  const output = ts.transpileModule(source, { compilerOptions, fileName, reportDiagnostics: false });
  return { code: rewriteAliases(output.outputText, fileName), map: output.sourceMapText };
}

module.exports = { root, aliases, compile };
