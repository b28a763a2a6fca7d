// Closes every jest run with one plain line CI can read ("integration: N passed, N failed, N skipped")
// and leaves the counts in test-output/ for scripts/test.mjs to add up.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.name = process.env.GRANTLINE_TEST_STAGE || 'jest';
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    const dir = join(this.rootDir, 'test-output');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `summary-${this.name}.json`), JSON.stringify(counts));
    process.stdout.write(
      `\n${this.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
    );
  }
}

module.exports = SummaryReporter;
