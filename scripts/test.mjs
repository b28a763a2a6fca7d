#!/usr/bin/env node
// `npm test`: every check CI runs, in the order that fails fastest. Integration tests start their
// own PostgreSQL, Kafka broker and Chromium (see libs/testing/src/jest/global-setup.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  FORCE_COLOR: process.env.CI ? '0' : '1',
};

const stages = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  // The boundary rule reads Nx's project graph; computing it first means the rule is never skipped.
  ['project graph', bin('nx'), ['show', 'projects']],
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['unit', bin('jest'), ['-c', 'jest.config.js', '--ci']],
  ['build', process.execPath, ['scripts/build.mjs']],
  ['integration', bin('jest'), ['-c', 'jest.int.config.js', '--ci']],
];

const summaryDir = join(root, 'test-output');
for (const stage of ['unit', 'integration'])
  rmSync(join(summaryDir, `summary-${stage}.json`), { force: true });

const started = performance.now();
for (const [name, command, args] of stages) {
  process.stdout.write(`\n▶ ${name}\n`);
  const stageStarted = performance.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: name === 'project graph' ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...env, GRANTLINE_TEST_STAGE: name },
  });
  const seconds = ((performance.now() - stageStarted) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`\n✗ ${name} failed after ${seconds} s (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
  process.stdout.write(`✓ ${name} (${seconds} s)\n`);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const stage of ['unit', 'integration']) {
  const file = join(summaryDir, `summary-${stage}.json`);
  if (!existsSync(file)) continue;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
process.stdout.write(`\nnpm test finished in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
