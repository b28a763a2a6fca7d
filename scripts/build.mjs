#!/usr/bin/env node
// Compiles apps/ and libs/ (or the project roots given) into dist/, mirroring the tree, with swc.
// Type checking is `npm run typecheck`; this only emits, in about a second.
import { createRequire } from 'node:module';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const { transformFile } = require('@swc/core');
const { root, swcOptions } = require('./swc-options.cjs');

const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['apps', 'libs'];

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name)) {
      yield path;
    }
  }
}

const started = performance.now();
let count = 0;
const options = swcOptions();
const jobs = [];
for (const projectRoot of roots) {
  for await (const file of sources(join(root, projectRoot))) {
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    jobs.push(
      transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(out), file) }).then(
        async (result) => {
          await mkdir(dirname(out), { recursive: true });
          await writeFile(out, `${result.code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
          if (result.map) await writeFile(`${out}.map`, result.map);
          count += 1;
        },
      ),
    );
  }
}
await Promise.all(jobs);
if (!process.env.BUILD_QUIET) {
  process.stderr.write(`build: ${count} files into dist/ in ${Math.round(performance.now() - started)} ms\n`);
}
