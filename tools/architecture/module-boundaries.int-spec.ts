// The import edges of DESIGN.md hold: lint fails when code reaches past its library's boundary.
// ESLint runs as its CLI (its flat config is an ES module, which jest's module system can't load).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

async function lintErrors(file: string, code: string): Promise<string[]> {
  const run = spawnSync(
    join(root, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', join(root, file), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as Array<{ messages: LintMessage[] }>;
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

beforeAll(() => {
  // The boundary rule reads Nx's project graph; computing it here means the rule can never be skipped.
  execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'ignore',
  });
});

describe('module boundaries', () => {
  it('rejects kafkajs imported by an app', async () => {
    const errors = await lintErrors(
      'apps/token/src/leak.ts',
      "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/enforce-module-boundaries.*not allowed to import "kafkajs"/),
    ]);
  });

  it('rejects jose and node:crypto outside libs/crypto', async () => {
    const jose = await lintErrors(
      'apps/consent/src/leak.ts',
      "import { jwtVerify } from 'jose';\nexport const v = jwtVerify;\n",
    );
    const crypto = await lintErrors(
      'libs/oauth/src/leak.ts',
      "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;\n",
    );
    expect(jose).toEqual([expect.stringMatching(/not allowed to import "jose"/)]);
    expect(crypto).toEqual([expect.stringMatching(/no-restricted-imports.*libs\/crypto/)]);
  });

  it('rejects pg outside libs/event-store', async () => {
    const errors = await lintErrors(
      'libs/platform/src/leak.ts',
      "import { Pool } from 'pg';\nexport const p = Pool;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/not allowed to import "pg"/)]);
  });

  it('lets each owning library import its package', async () => {
    expect(
      await lintErrors(
        'libs/messaging/src/ok.ts',
        "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
      ),
    ).toEqual([]);
    expect(
      await lintErrors(
        'libs/crypto/src/ok.ts',
        "import { jwtVerify } from 'jose';\nexport const v = jwtVerify;\n",
      ),
    ).toEqual([]);
    expect(
      await lintErrors(
        'libs/crypto/src/ok.ts',
        "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;\n",
      ),
    ).toEqual([]);
    expect(
      await lintErrors('libs/event-store/src/ok.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n"),
    ).toEqual([]);
  });

  it('rejects a library depending on one DESIGN.md does not allow', async () => {
    const errors = await lintErrors(
      'libs/crypto/src/leak.ts',
      "import { loadConfig } from '@grantline/platform';\nexport const l = loadConfig;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/enforce-module-boundaries/)]);
  });

  it('rejects one service importing another; only the embedded runtime composes them', async () => {
    const code =
      "import { consentService } from '@grantline/consent-service';\nexport const c = consentService;\n";
    expect(await lintErrors('apps/token/src/leak.ts', code)).toEqual([
      expect.stringMatching(/no-restricted-imports/),
    ]);
    expect(await lintErrors('apps/grantline/src/ok.ts', code)).toEqual([]);
  });

  it('rejects test fixtures in production code', async () => {
    const code = "import { eventually } from '@grantline/testing';\nexport const e = eventually;\n";
    expect(await lintErrors('apps/token/src/leak.ts', code)).toEqual([
      expect.stringMatching(/Test fixtures are for tests only/),
    ]);
    expect(await lintErrors('apps/token/src/leak.int-spec.ts', code)).toEqual([]);
  });
});
