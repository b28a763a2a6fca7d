// `npm run docs:coverage`: writes docs/security/coverage.md from the requirements catalogue and the
// test titles. `npm run docs:coverage -- --check` exits 1 when the committed file is stale or a
// requirement, module or attack lacks a test (CI runs the same checks as a unit test).
import { readFileSync, writeFileSync } from 'node:fs';
import { coverageGaps } from './coverage';
import { COVERAGE_FILE, currentCoverage, generateCoverageMap } from './generate';

function main(): void {
  const coverage = currentCoverage();
  const generated = generateCoverageMap(coverage);
  const gaps = coverageGaps(coverage);
  for (const gap of gaps) process.stderr.write(`docs:coverage: ${gap}\n`);
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(COVERAGE_FILE, 'utf8');
    } catch {
      // Not written yet: stale by definition.
    }
    const stale = committed !== generated;
    if (stale) process.stderr.write(`docs:coverage: ${COVERAGE_FILE} is stale; run npm run docs:coverage\n`);
    process.exitCode = stale || gaps.length ? 1 : 0;
    return;
  }
  writeFileSync(COVERAGE_FILE, generated);
  process.stderr.write(`docs:coverage: wrote ${COVERAGE_FILE} (${gaps.length} gaps)\n`);
}

main();
