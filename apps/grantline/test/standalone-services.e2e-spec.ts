// Distributed mode: each service is its own process with its own schema. `migrate` applies the
// schema (the Kubernetes migration Job), `serve` reports ready, SIGTERM stops it cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, randomId } from '@grantline/crypto';
import {
  createTestDatabase,
  eventually,
  freePort,
  withDataSource,
  type TestDatabase,
} from '@grantline/testing';

const root = join(__dirname, '..', '..', '..');
const SERVICES = ['authorize', 'token', 'consent', 'grants', 'audit'] as const;
const mainOf = (service: string) => join(root, 'dist', 'apps', service, 'src', 'main.js');

/** The audit service's masking, checkpoint-signing and compliance keys (throwaway). */
const auditKeys = () => ({
  AUDIT_MASKING_KEY: randomId(32),
  AUDIT_SIGNING_KEY: JSON.stringify(generateSigningKey('EdDSA').privateJwk),
  AUDIT_COMPLIANCE_JWKS: JSON.stringify({ keys: [generateSigningKey('EdDSA').signingKey.publicJwk] }),
});

describe('each service on its own (distributed mode)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    for (const service of SERVICES) {
      if (!existsSync(mainOf(service)))
        throw new Error(`${mainOf(service)} is missing: run \`npm run build\` first`);
    }
    database = await createTestDatabase('standalone');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each(SERVICES)(
    '%s migrates its own schema, serves, reports ready and stops on SIGTERM',
    async (service) => {
      const env = {
        ...process.env,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        PORT: String(await freePort()),
        ...(service === 'audit' ? auditKeys() : {}),
      };

      const migrate = spawnSync(process.execPath, [mainOf(service), 'migrate'], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(migrate.status).toBe(0);
      expect(migrate.stderr).toContain(`schema "${service}" is up to date`);
      const tables: Array<{ table_name: string }> = await withDataSource(database.url, (admin) =>
        admin.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [service]),
      );
      expect(tables.map((t) => t.table_name)).toContain('migrations');

      const child = spawn(process.execPath, [mainOf(service)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        await eventually(
          async () => {
            const ready = await fetch(`http://127.0.0.1:${env.PORT}/health/ready`);
            expect(ready.status).toBe(200);
          },
          { timeoutMs: 30_000, intervalMs: 100 },
        );
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );

  it('refuses to start without DATABASE_URL, in one line naming it', () => {
    const env = { ...process.env };
    delete env['DATABASE_URL'];
    const result = spawnSync(process.execPath, [mainOf('token')], { env, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'grantline-token: Invalid configuration: DATABASE_URL is required (postgres://user:password@host:port/database)',
    ]);
  });

  it('[TOK-2] [PAR-3] refuses to start with a lifetime outside the active security profile, in one line naming it', () => {
    for (const [service, variables, named] of [
      [
        'token',
        { SECURITY_PROFILE: 'au-cdr', ACCESS_TOKEN_LIFETIME_SECONDS: '60' },
        'ACCESS_TOKEN_LIFETIME_SECONDS=60',
      ],
      [
        'authorize',
        { SECURITY_PROFILE: 'br-of', PAR_REQUEST_URI_LIFETIME_SECONDS: '30' },
        'PAR_REQUEST_URI_LIFETIME_SECONDS=30',
      ],
    ] as const) {
      const result = spawnSync(process.execPath, [mainOf(service)], {
        env: { ...process.env, DATABASE_URL: 'postgres://grantline:unused@127.0.0.1:1/none', ...variables },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^grantline-${service}: .*${named}.*${variables.SECURITY_PROFILE}`),
      );
    }
  });

  it('rejects an unknown command', () => {
    const result = spawnSync(process.execPath, [mainOf('grants'), 'drop-everything'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "drop-everything"');
  });
});
