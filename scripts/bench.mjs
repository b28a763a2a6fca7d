#!/usr/bin/env node
// `npm run bench` runs every bench/src/<name>.bench.ts; `npm run bench -- <name> …` runs the ones
// named. Each runs in its own process after a build, printing one JSON line per figure and
// writing them to bench/results/<name>.jsonl (DESIGN.md "Benchmarks"), with how it ran beside
// them (<name>.run.json). Then bench/REPORT.md is rewritten from every bench's latest figures.
// `npm run bench -- --report` only rewrites the report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const SUFFIX = '.bench.ts';
const available = readdirSync(join(root, 'bench', 'src'))
  .filter((file) => file.endsWith(SUFFIX))
  .map((file) => file.slice(0, -SUFFIX.length))
  .sort();

const reportOnly = process.argv.includes('--report');
const requested = process.argv.slice(2).filter((argument) => argument !== '--report');
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

const commit = (() => {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  });
  return head.stdout.trim() + (dirty.stdout.trim() === '' ? '' : ' (with uncommitted changes)');
})();

let failed = 0;
for (const name of reportOnly ? [] : requested.length > 0 ? requested : available) {
  const startedAt = new Date();
  const loadAverageBefore = loadavg()[0];
  const run = spawnSync(process.execPath, [join('dist', 'bench', 'src', `${name}.bench.js`)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exitCode = run.status ?? 1;
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(root, 'bench', 'results', `${name}.run.json`),
    `${JSON.stringify({
      startedAt: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      exitCode,
      loadAverageBefore: Math.round(loadAverageBefore * 100) / 100,
      commit,
    })}\n`,
  );
  if (exitCode !== 0) {
    process.stderr.write(`bench: ${name} failed (exit ${run.status ?? run.signal})\n`);
    failed++;
  }
}

const report = spawnSync(process.execPath, [join('dist', 'bench', 'src', 'write-report.js'), ...available], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(failed > 0 || report.status !== 0 ? 1 : 0);
