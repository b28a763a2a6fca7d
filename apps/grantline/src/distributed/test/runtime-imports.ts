// The packages a process needs at run time: every require() its compiled code makes, following the
// workspace's own files (relative paths and @grantline/* aliases) from its entry point. Type-only
// imports vanish in compilation, as they do in dist/.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './deployment-files';

const REQUIRE = /\brequire\((["'])([^"']+)\1\)/g;
const BUILTINS = new Set(builtinModules);

function aliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, [string]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [alias, join(ROOT, target)]),
  );
}

function sourceFile(base: string): string | undefined {
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The package part of a bare specifier: `@scope/name/x` → `@scope/name`, `name/x` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** What one file requires once compiled, kept across entry points (they share most of their files). */
const requiresOf = new Map<string, string[]>();

function compiledRequires(file: string): string[] {
  const known = requiresOf.get(file);
  if (known) return known;
  const output = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      isolatedModules: true,
      esModuleInterop: true,
    },
  }).outputText;
  const specifiers = [...output.matchAll(REQUIRE)].flatMap(([, , specifier]) =>
    specifier ? [specifier] : [],
  );
  requiresOf.set(file, specifiers);
  return specifiers;
}

/** Packages required at run time from `entry` (a .ts path from the repository root), with one file that requires each. */
export function runtimePackagesOf(entry: string): Map<string, string> {
  const aliasTargets = aliases();
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const pending = [join(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of compiledRequires(file)) {
      const alias = aliasTargets[specifier];
      const local =
        alias ?? (specifier.startsWith('.') ? sourceFile(resolve(dirname(file), specifier)) : undefined);
      if (local) pending.push(local);
      else if (specifier.startsWith('.'))
        continue; // an asset or JSON next to the code
      else if (!specifier.startsWith('node:') && !BUILTINS.has(packageOf(specifier)))
        packages.set(packageOf(specifier), file.slice(ROOT.length + 1));
    }
  }
  return packages;
}
