// Distributed mode: each service is its own process with its own schema. `migrate` applies the
// schema (the Kubernetes migration Job), `serve` reports ready, SIGTERM stops it cleanly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, randomId } from '@grantline/crypto';
import {
  awaitServiceReady,
  createTestDatabase,
  freePort,
  retryOnTakenPort,
  ServiceProcess,
  TestTpp,
  withDataSource,
  writeClientsFile,
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

/** What the authorize service needs beyond a database: issuer, keys and a clients file. */
function authorizeEnvironment(): Record<string, string> {
  const directory = mkdtempSync(join(tmpdir(), 'grantline-standalone-'));
  const clientsFile = join(directory, 'clients.json');
  writeClientsFile(clientsFile, [new TestTpp()]);
  return {
    ISSUER: 'https://bank.example',
    SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey('ES256').privateJwk] }),
    CODE_SEALING_KEYS: `k1:${randomId(32)}`,
    SUBJECT_PSEUDONYM_KEY: randomId(32),
    GRANTLINE_CLIENTS_FILE: clientsFile,
  };
}

/** Serves `service` on a free port until ready (again on another port if that one got taken). */
const serve = (service: string, env: NodeJS.ProcessEnv) =>
  retryOnTakenPort(async () => {
    const port = await freePort();
    const child = ServiceProcess.start(mainOf(service), [], { ...env, PORT: String(port) });
    try {
      await awaitServiceReady(service, child, `http://127.0.0.1:${port}/health/ready`, 30_000);
    } catch (error) {
      await child.stop();
      throw error;
    }
    return child;
  });

describe('each service on its own (distributed mode)', () => {
  let database: TestDatabase;
  const serviceEnvironment: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    for (const service of SERVICES) {
      if (!existsSync(mainOf(service)))
        throw new Error(`${mainOf(service)} is missing: run \`npm run build\` first`);
    }
    database = await createTestDatabase('standalone');
    serviceEnvironment['authorize'] = authorizeEnvironment();
    // The token service needs the same: the issuer, the keys that sign tokens and open codes, the clients.
    serviceEnvironment['token'] = authorizeEnvironment();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each(SERVICES)(
    '%s migrates its own schema, serves, reports ready and stops on SIGTERM',
    async (service) => {
      const env = {
        ...process.env,
        ...serviceEnvironment[service],
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
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

      // Ready means the process says it listens on its port and /health/ready answers 200.
      const served = await serve(service, env);
      try {
        served.child.kill('SIGTERM');
        expect(await served.exited).toBe(0);
      } finally {
        served.child.kill('SIGKILL');
      }
    },
  );

  it('[AUD-1] audit runs retention as an operator command, refusing without a retention period', () => {
    const env = { ...process.env, ...auditKeys(), DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
    const run = (extra: Record<string, string>) =>
      spawnSync(process.execPath, [mainOf('audit'), 'retain'], {
        env: { ...env, ...extra },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const refused = run({});
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('grantline-audit: retain failed: AUDIT_RETENTION_MONTHS is not set');
    const done = run({ AUDIT_RETENTION_MONTHS: '24' });
    expect(done.status).toBe(0);
    expect(done.stderr).toMatch(/nothing ingested before \S+ is left to drop/);
    const unknown = spawnSync(process.execPath, [mainOf('audit'), 'shred'], { env, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('"retain"');
  });

  it('refuses to start without DATABASE_URL, in one line naming it', () => {
    const env = { ...process.env, ...serviceEnvironment['token'] };
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
        env: {
          ...process.env,
          ...serviceEnvironment[service],
          DATABASE_URL: 'postgres://grantline:unused@127.0.0.1:1/none',
          ...variables,
        },
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

  it('authorize refuses to start without ISSUER, or with unusable signing keys, in one line naming it', async () => {
    const withoutIssuer: NodeJS.ProcessEnv = {
      ...process.env,
      ...serviceEnvironment['authorize'],
      DATABASE_URL: database.url,
    };
    delete withoutIssuer['ISSUER'];
    const missing = spawnSync(process.execPath, [mainOf('authorize')], {
      env: withoutIssuer,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([
      'grantline-authorize: Invalid configuration: ISSUER is required: the public origin, e.g. https://bank.example',
    ]);
    const badKeys = spawnSync(process.execPath, [mainOf('authorize')], {
      env: {
        ...process.env,
        ...serviceEnvironment['authorize'],
        DATABASE_URL: database.url,
        MIGRATE_ON_START: 'true',
        PORT: String(await freePort()),
        SIGNING_KEYS: '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(badKeys.status).toBe(1);
    const lines = badKeys.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^grantline-authorize: Invalid configuration: SIGNING_KEYS/);
    expect(lines[0]).not.toContain('c2VjcmV0');
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
