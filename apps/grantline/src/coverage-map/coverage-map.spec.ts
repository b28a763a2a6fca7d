// The committed coverage map must be what the catalogue and the test titles say today, and every
// requirement must have a test.
import { readFileSync } from 'node:fs';
import { CONFORMANCE_MODULES, SEED_004_ATTACKS } from './attack-catalogue';
import { computeCoverage, Coverage, coverageGaps } from './coverage';
import { COVERAGE_FILE, currentCoverage, generateCoverageMap } from './generate';
import { parseRequirements } from './requirements-catalogue';
import { titlesInSource } from './test-titles';

describe('docs/security/coverage.md', () => {
  let coverage: Coverage;

  beforeAll(() => {
    coverage = currentCoverage();
  });

  it('is current (run `npm run docs:coverage` after adding, renaming or removing a test)', () => {
    const committed = readFileSync(COVERAGE_FILE, 'utf8');
    if (committed !== generateCoverageMap(coverage))
      throw new Error('coverage.md is stale: run npm run docs:coverage');
  });

  it('reads every requirement of the catalogue', () => {
    expect(coverage.requirements.map((entry) => entry.requirement.id)).toEqual(
      expect.arrayContaining(['CLI-1', 'PAR-3', 'TOK-7', 'ROB-3']),
    );
    expect(coverage.requirements.filter((entry) => entry.requirement.must).length).toBeGreaterThanOrEqual(40);
  });

  it('finds a test for every requirement ID', () => {
    expect(coverageGaps(coverage).filter((gap) => gap.endsWith('no test names it'))).toEqual([]);
  });

  it('finds a negative test for every MUST and a test for every conformance module and seed 004 attack', () => {
    expect(coverageGaps(coverage)).toEqual([]);
    expect(coverage.modules.length).toBeGreaterThanOrEqual(50);
    expect(coverage.attacks.map((entry) => entry.entry.name)).toEqual([
      'credential entropy',
      'PKCE downgrade',
      'code injection',
      'refresh-token misuse',
      'redirect on error',
      'token in query string',
      'tokens in logs',
    ]);
  });
});

describe('coverage map', () => {
  const catalogue = parseRequirements(
    [
      '## Flows',
      '- FLOW-1 MUST: code only.',
      '- FLOW-2: grant types.',
      '- JAR-1 MUST (when signed): signed.',
    ].join('\n'),
  );

  it('reads IDs, MUST and section from the catalogue', () => {
    expect(catalogue).toEqual([
      { id: 'FLOW-1', must: true, section: 'Flows', text: 'code only.' },
      { id: 'FLOW-2', must: false, section: 'Flows', text: 'grant types.' },
      { id: 'JAR-1', must: true, section: 'Flows', text: 'signed.' },
    ]);
  });

  it('reads titles of it, test, each and nested describe calls, and skips skipped tests', () => {
    const source = [
      "describe('[FLOW-2] outer', () => {",
      "  it('[FLOW-1] rejects hybrid', () => {});",
      '  it.each([1])(`[JAR-1] rejects ${"%s"}`, () => {});',
      "  it.skip('[FLOW-1] skipped', () => {});",
      "  describe('inner', () => { test('fapi2 par-plain-pkce-rejected: refused', () => {}); });",
      '});',
    ].join('\n');
    expect(titlesInSource('a.spec.ts', source).map((test) => test.chain)).toEqual([
      ['[FLOW-2] outer', '[FLOW-1] rejects hybrid'],
      ['[FLOW-2] outer', '[JAR-1] rejects ${"%s"}'],
      ['[FLOW-2] outer', 'inner', 'fapi2 par-plain-pkce-rejected: refused'],
    ]);
  });

  it('reports an ID without a test and a MUST without a negative test', () => {
    const tests = titlesInSource('a.spec.ts', "it('[FLOW-1] serves code', () => {});");
    expect(coverageGaps(computeCoverage(catalogue, tests, [], []))).toEqual([
      'FLOW-2: no test names it',
      'JAR-1: no test names it',
      'FLOW-1 (MUST): no negative test names it',
    ]);
  });

  it('knows the conformance modules and seed 004 attacks by distinct names', () => {
    const names = [...CONFORMANCE_MODULES, ...SEED_004_ATTACKS].map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
