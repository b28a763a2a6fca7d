// node dist/bench/src/write-report.js [bench …]: writes bench/REPORT.md from bench/results/ (run by
// scripts/bench.mjs after the benches; `npm run bench:report` rewrites it alone). The arguments
// name every bench there is, so the report also lists those never measured.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './report';
import { describeMachine } from './summary/machine';
import { renderReport, type BenchResults, type RunRecord } from './summary/render-report';

const root = join(__dirname, '..', '..', '..');
const resultsDir = join(root, 'bench', 'results');

function readFigures(file: string): Figure[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Figure);
}

function readResults(bench: string): BenchResults | undefined {
  const figures = join(resultsDir, `${bench}.jsonl`);
  if (!existsSync(figures)) return undefined;
  const runFile = join(resultsDir, `${bench}.run.json`);
  const run = existsSync(runFile) ? (JSON.parse(readFileSync(runFile, 'utf8')) as RunRecord) : undefined;
  return { bench, figures: readFigures(figures), run };
}

function main(): void {
  const named = process.argv.slice(2);
  const measured = existsSync(resultsDir)
    ? readdirSync(resultsDir)
        .filter((file) => file.endsWith('.jsonl'))
        .map((file) => file.slice(0, -'.jsonl'.length))
    : [];
  const benches = [...new Set([...named, ...measured])].sort();
  const results = benches.flatMap((bench) => readResults(bench) ?? []);
  const report = renderReport({
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: describeMachine(root),
    benches,
    results,
  });
  const target = join(root, 'bench', 'REPORT.md');
  writeFileSync(target, report);
  process.stdout.write(`bench: wrote ${target}\n`);
}

main();
