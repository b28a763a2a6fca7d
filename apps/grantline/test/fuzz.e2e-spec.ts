// CI's sample of `npm run fuzz`: every fuzz target (libs/testing/src/fuzz) against the embedded
// runtime from dist/, a few dozen inputs each with a fixed seed, so a failure replays exactly:
// `npm run fuzz -- --seed 20261123 --concurrency 2 --requests 40 --target <name>` runs the same inputs. The property: no 5xx, the
// protocol's error format on every 4xx, no stack trace, and the runtime alive with no escaped error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FUZZ_RUNTIME_ENV,
  FUZZ_TARGETS,
  FuzzClient,
  FuzzWorld,
  type RuntimeUnderFuzz,
  TestTpp,
  formatReport,
  runTarget,
  startRuntimeUnderFuzz,
  writeClientsFile,
} from '@grantline/testing';

/** Fixed: CI runs the same inputs every time; change it to explore, never to make a failure go away. */
const SEED = 20261123;
const RUNS_PER_TARGET = 40;

const titles: Record<string, string> = {
  par: '[ROB-1] [PAR-1] [JAR-1] [CLI-2] POST /par: mutated forms, client assertions and request objects',
  token:
    '[ROB-1] [CLI-2] [DPOP-1] POST /token, /revoke, /introspect: mutated forms, assertions and DPoP proofs',
  'account-access-consents':
    '[ROB-1] [CON-1] [CON-4] [DPOP-1] account-access consents: mutated JSON and headers',
  'domestic-payment-consents':
    '[ROB-1] [CON-2] [CON-5] [DPOP-1] payment consents: mutated JSON, headers and x-jws-signature',
  'domestic-payments': '[ROB-1] [CON-3] [CON-5] [DPOP-1] payments: mutated JSON, headers and x-jws-signature',
  'resource-reads': '[ROB-1] [DPOP-1] [CON-6] resource reads: junk Authorization and DPoP headers, odd paths',
};

describe('fuzzing the public endpoints (a CI sample of npm run fuzz)', () => {
  const tpp = new TestTpp({ clientName: 'Fuzz Payments App', roles: ['AISP', 'PISP'] });
  const clientsDir = mkdtempSync(join(tmpdir(), 'grantline-fuzz-clients-'));
  let runtime: RuntimeUnderFuzz;
  let client: FuzzClient;
  let world: FuzzWorld;

  beforeAll(async () => {
    const clientsFile = join(clientsDir, 'clients.json');
    writeClientsFile(clientsFile, [tpp]);
    runtime = await startRuntimeUnderFuzz({ ...FUZZ_RUNTIME_ENV, GRANTLINE_CLIENTS_FILE: clientsFile });
    client = new FuzzClient(runtime.publicUrl, 4);
    world = new FuzzWorld(runtime.publicUrl, tpp, { username: 'alice', password: 'alice-demo-pass' });
    await world.prepare();
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await runtime?.stop();
    rmSync(clientsDir, { recursive: true, force: true });
  });

  it.each(FUZZ_TARGETS.map(({ target }) => [titles[target.name] ?? target.name, target] as const))(
    '%s',
    async (_title, target) => {
      const report = await runTarget(client, world, target, {
        runs: RUNS_PER_TARGET,
        seed: SEED,
        concurrency: 2,
        trouble: runtime.trouble,
      });
      if (report.failures.length > 0) process.stderr.write(`${formatReport(report)}\n`);
      expect(report.failures.map((f) => `seed ${f.seed} path ${f.path}: ${f.reason.split('\n')[0]}`)).toEqual(
        [],
      );
      expect(report.requests + report.unsendable).toBe(RUNS_PER_TARGET);
      expect(runtime.trouble()).toBeUndefined();
    },
    60_000,
  );
});
