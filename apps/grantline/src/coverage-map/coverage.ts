// Which tests prove which requirement, conformance module and seed 004 attack: the data behind
// docs/security/coverage.md and the checks CI runs on it.
import { attackMarker, CatalogueEntry, moduleMarker } from './attack-catalogue';
import { Requirement } from './requirements-catalogue';
import { fullTitle, idsOf, TestTitle } from './test-titles';

export interface RequirementCoverage {
  requirement: Requirement;
  tests: TestTitle[];
  /** Tests whose title says something is refused: what a MUST needs. */
  negative: TestTitle[];
}

export interface EntryCoverage {
  entry: CatalogueEntry;
  tests: TestTitle[];
  /** provenBy titles that no test carries (a renamed or deleted test). */
  missing: string[];
}

export interface Coverage {
  requirements: RequirementCoverage[];
  modules: EntryCoverage[];
  attacks: EntryCoverage[];
  /** IDs that tests name but the catalogue does not define. */
  unknownIds: string[];
  testCount: number;
  fileCount: number;
}

/** A title that claims a refusal: the verbs and phrases the negative tests use. */
const NEGATIVE =
  /\b(reject|refus|fail|never|den(y|ies|ied)|invalid|cannot|can't|forbid|block|not |no |without|wrong|expired|replay|unknown|mismatch|another|other|only|once|stale|4\d\d|too |outside|bad|tamper|revok|lock|hides?|ignore|downgrade|useless|attack|fapi2 )/i;

export const isNegative = (test: TestTitle): boolean => NEGATIVE.test(test.chain[test.chain.length - 1]);

function coverEntry(entry: CatalogueEntry, marker: string, tests: TestTitle[]): EntryCoverage {
  const wanted = `${marker}:`.toLowerCase();
  const marked = tests.filter((test) => test.chain.some((title) => title.toLowerCase().includes(wanted)));
  const named = (entry.provenBy ?? []).map((title) => ({
    title,
    tests: tests.filter((test) => test.chain[test.chain.length - 1] === title),
  }));
  return {
    entry,
    tests: [...marked, ...named.flatMap((found) => found.tests)],
    missing: named.filter((found) => found.tests.length === 0).map((found) => found.title),
  };
}

export function computeCoverage(
  requirements: Requirement[],
  tests: TestTitle[],
  modules: CatalogueEntry[],
  attacks: CatalogueEntry[],
): Coverage {
  const byId = new Map(requirements.map((requirement) => [requirement.id, [] as TestTitle[]]));
  const unknown = new Set<string>();
  for (const test of tests) {
    for (const id of idsOf(test)) {
      const list = byId.get(id);
      if (list) list.push(test);
      else unknown.add(id);
    }
  }
  return {
    requirements: requirements.map((requirement) => {
      const proving = byId.get(requirement.id) ?? [];
      return { requirement, tests: proving, negative: proving.filter(isNegative) };
    }),
    modules: modules.map((entry) => coverEntry(entry, moduleMarker(entry), tests)),
    attacks: attacks.map((entry) => coverEntry(entry, attackMarker(entry), tests)),
    unknownIds: [...unknown].sort(),
    testCount: tests.filter((test) => idsOf(test).length > 0).length,
    fileCount: new Set(tests.filter((test) => idsOf(test).length > 0).map((test) => test.file)).size,
  };
}

/** What CI refuses: requirements without a test, MUSTs without a negative one, unproven entries. */
export function coverageGaps(coverage: Coverage): string[] {
  return [
    ...coverage.requirements
      .filter((entry) => entry.tests.length === 0)
      .map((entry) => `${entry.requirement.id}: no test names it`),
    ...coverage.requirements
      .filter((entry) => entry.requirement.must && entry.tests.length > 0 && entry.negative.length === 0)
      .map((entry) => `${entry.requirement.id} (MUST): no negative test names it`),
    ...[...coverage.modules, ...coverage.attacks].flatMap((entry) => [
      ...(entry.tests.length === 0 ? [`${entry.entry.name}: no test proves it`] : []),
      ...entry.missing.map((title) => `${entry.entry.name}: no test is titled "${title}"`),
    ]),
  ];
}

export const describeTest = (test: TestTitle): string => `${test.file} › ${fullTitle(test)}`;
