// docs/security/coverage.md as the repository should hold it, and where it lives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../config-reference/generate';
import { CONFORMANCE_MODULES, SEED_004_ATTACKS } from './attack-catalogue';
import { computeCoverage, Coverage } from './coverage';
import { renderCoverage } from './render-coverage';
import { parseRequirements } from './requirements-catalogue';
import { collectTestTitles } from './test-titles';

const root = repositoryRoot();

export const REQUIREMENTS_FILE = join(root, 'docs', 'security', 'requirements.md');
export const COVERAGE_FILE = join(root, 'docs', 'security', 'coverage.md');

export function currentCoverage(): Coverage {
  const requirements = parseRequirements(readFileSync(REQUIREMENTS_FILE, 'utf8'));
  return computeCoverage(requirements, collectTestTitles(root), CONFORMANCE_MODULES, SEED_004_ATTACKS);
}

export const generateCoverageMap = (coverage = currentCoverage()): string => renderCoverage(coverage);
