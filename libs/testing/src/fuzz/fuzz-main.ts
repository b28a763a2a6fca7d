// `npm run fuzz [-- --requests N --seed S --concurrency C]`: builds, starts the embedded runtime
// from dist/ with a TPP of its own, fuzzes every target with its share of N requests (default
// 100,000), prints the count per target and in total, and exits 1 on any failure (a 5xx, an answer
// outside the protocol's error format, a stack trace, the runtime crashing or printing an escaped error).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { TestTpp, writeClientsFile } from '../tpp/test-tpp';
import { FuzzClient } from './exchange';
import { FuzzWorld } from './fuzz-world';
import { type TargetReport, formatReport, runTarget } from './fuzz-runner';
import { FUZZ_RUNTIME_ENV, FUZZ_TARGETS } from './index';
import { startRuntimeUnderFuzz } from './runtime-under-fuzz';

const say = (line: string) => process.stdout.write(`${line}\n`);

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new InvalidArgumentError('a positive integer');
  return parsed;
}

async function main(): Promise<number> {
  const options = new Command('fuzz')
    .description('Fuzz the public endpoints of the embedded runtime with fast-check')
    .option('--requests <n>', 'requests in total, shared between the targets', positiveInteger, 100_000)
    .option(
      '--seed <s>',
      'fast-check seed (lane i of a target uses seed + i)',
      positiveInteger,
      Date.now() % 2 ** 31,
    )
    .option('--concurrency <c>', 'requests in flight per target', positiveInteger, 6)
    .option(
      '--target <names...>',
      `only these targets (${FUZZ_TARGETS.map(({ target }) => target.name).join(', ')})`,
    )
    .parse()
    .opts<{ requests: number; seed: number; concurrency: number; target?: string[] }>();
  const chosen = FUZZ_TARGETS.filter(({ target }) => !options.target || options.target.includes(target.name));
  if (chosen.length === 0) throw new InvalidArgumentError(`no target named ${options.target?.join(', ')}`);
  const shares = chosen.reduce((sum, { share }) => sum + share, 0);

  const tpp = new TestTpp({ clientName: 'Fuzz Payments App', roles: ['AISP', 'PISP'] });
  const clientsDir = mkdtempSync(join(tmpdir(), 'grantline-fuzz-clients-'));
  const clientsFile = join(clientsDir, 'clients.json');
  writeClientsFile(clientsFile, [tpp]);
  say(
    `fuzz: seed ${options.seed}, ${options.requests} requests, ${options.concurrency} in flight per target`,
  );
  const runtime = await startRuntimeUnderFuzz({ ...FUZZ_RUNTIME_ENV, GRANTLINE_CLIENTS_FILE: clientsFile });
  const client = new FuzzClient(runtime.publicUrl, options.concurrency * 2);
  const started = performance.now();
  const reports: TargetReport[] = [];
  let sent = 0;
  try {
    const world = new FuzzWorld(runtime.publicUrl, tpp, { username: 'alice', password: 'alice-demo-pass' });
    await world.prepare();
    for (const { target, share } of chosen) {
      const runs = Math.max(1, Math.round((options.requests * share) / shares));
      const report = await runTarget(client, world, target, {
        runs,
        seed: options.seed,
        concurrency: options.concurrency,
        trouble: runtime.trouble,
        onRequest: () => {
          if (++sent % 5_000 === 0) process.stderr.write(`fuzz: ${sent} requests\n`);
        },
      });
      reports.push(report);
      say(formatReport(report));
      if (runtime.trouble()) break;
    }
  } finally {
    await client.close();
    const failed = runtime.trouble() !== undefined || reports.some((report) => report.failures.length > 0);
    if (failed) say(`runtime output (all of it is in ${runtime.logFile}):\n${runtime.output().slice(-4000)}`);
    await runtime.stop();
    rmSync(clientsDir, { recursive: true, force: true });
  }
  const total = reports.reduce((sum, report) => sum + report.requests, 0);
  const failures = reports.reduce((sum, report) => sum + report.failures.length, 0);
  const seconds = (performance.now() - started) / 1000;
  say(
    `fuzz: ${total} requests in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(0)}/s), seed ${options.seed}, ${failures} failure(s)`,
  );
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
