#!/usr/bin/env node
// Compiles apps/ and libs/ (or the project roots given) into dist/, mirroring the tree.
// Type checking is `npm run typecheck`; this only emits, in a second or two.
import { createRequire } from 'node:module';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const { root, compile } = require('./compile.cjs');

const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
/** Files the compiled code reads at run time (page templates, their stylesheet): copied as they are. */
const ASSET_FILE = /\.(eta|css)$/;
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['apps', 'libs'];

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name)) {
      yield path;
    } else if (ASSET_FILE.test(entry.name)) {
      yield path;
    }
  }
}

async function emit(file) {
  if (ASSET_FILE.test(file)) {
    const target = join(root, 'dist', relative(root, file));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
    return;
  }
  const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
  const { code, map } = compile(await readFile(file, 'utf8'), file);
  await mkdir(dirname(out), { recursive: true });
  const withoutMapComment = code.replace(/\n\/\/# sourceMappingURL=.*$/, '');
  await writeFile(out, `${withoutMapComment}\n//# sourceMappingURL=${basename(out)}.map\n`);
  if (map) await writeFile(`${out}.map`, map);
}

const started = performance.now();
const files = [];
for (const projectRoot of roots) for await (const file of sources(join(root, projectRoot))) files.push(file);
await Promise.all(files.map(emit));
if (!process.env.BUILD_QUIET) {
  process.stderr.write(
    `build: ${files.length} files into dist/ in ${Math.round(performance.now() - started)} ms\n`,
  );
}
