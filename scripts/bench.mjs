#!/usr/bin/env node
// `npm run bench` runs every bench/src/<name>.bench.ts; `npm run bench -- <name> …` runs the ones
// named. Each runs in its own process after a build, printing one JSON line per figure and
// writing them to bench/results/<name>.jsonl (DESIGN.md "Benchmarks").
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const SUFFIX = '.bench.ts';
const available = readdirSync(join(root, 'bench', 'src'))
  .filter((file) => file.endsWith(SUFFIX))
  .map((file) => file.slice(0, -SUFFIX.length))
  .sort();

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs', 'apps', 'libs', 'bench'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BUILD_QUIET: '1' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = 0;
for (const name of requested.length > 0 ? requested : available) {
  const run = spawnSync(process.execPath, [join('dist', 'bench', 'src', `${name}.bench.js`)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) {
    process.stderr.write(`bench: ${name} failed (exit ${run.status ?? run.signal})\n`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
