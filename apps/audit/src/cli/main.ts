#!/usr/bin/env node
// grantline-audit: the compliance team's CLI (AUD-3). `npm run audit -- --help`.
//   query   filtered records, one JSON line each (all pages with --all)
//   export  NDJSON export with proofs to a file, with a progress bar
//   verify  online (/audit/verify), or offline: --export <file> against --public-key and --checkpoint
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { AuditApiError, AuditClient } from './audit-client';
import { verifyExport } from './offline-verify';

const program = new Command('grantline-audit')
  .description('Query, export and verify the Grantline audit log')
  .addOption(
    new Option('--url <url>', 'the audit API (internal origin)')
      .env('AUDIT_URL')
      .default('http://127.0.0.1:8081'),
  )
  .addOption(new Option('--token <jwt>', 'a compliance officer token').env('AUDIT_TOKEN'))
  .addOption(
    new Option('--key <file>', "the officer's private JWK; mints a 5-minute token").env(
      'AUDIT_OFFICER_KEY_FILE',
    ),
  )
  .addOption(
    new Option('--officer <id>', 'your officer id (the token subject)')
      .env('AUDIT_OFFICER')
      .default(process.env['USER'] ?? 'officer'),
  );

const client = () => new AuditClient(program.opts());
const out = (line: string) => process.stdout.write(`${line}\n`);

function withFilters(command: Command): Command {
  return command
    .option('--consent-id <id>')
    .option('--grant-id <id>')
    .option('--client-id <id>')
    .option('--subject <psu-id>', "the PSU's raw id (pseudonymised by the service)")
    .option('--event-type <type>')
    .option('--from <iso>', 'occurredAt ≥ from')
    .option('--to <iso>', 'occurredAt < to');
}

function filters(options: Record<string, string | undefined>): Record<string, string | undefined> {
  const { consentId, grantId, clientId, subject, eventType, from, to } = options;
  return { consentId, grantId, clientId, subject, eventType, from, to };
}

withFilters(program.command('query').description('print matching records, one JSON object per line'))
  .option('--limit <n>', 'page size', '100')
  .option('--all', 'follow cursors to the last page')
  .action(async (options) => {
    let cursor: string | undefined;
    do {
      const page = await client().json<{ records: unknown[]; nextCursor?: string }>('/audit/events', {
        ...filters(options),
        limit: options.limit,
        cursor,
      });
      for (const record of page.records) out(JSON.stringify(record));
      cursor = options.all ? page.nextCursor : undefined;
    } while (cursor);
  });

withFilters(program.command('export').description('write an NDJSON export with its checkpoint and proofs'))
  .requiredOption('--out <file>')
  .action(async (options) => {
    const response = await client().get('/audit/export', filters(options));
    const file = createWriteStream(options.out);
    const bar = new SingleBar(
      { format: 'export [{bar}] {percentage}% of the log | {records} records', hideCursor: true },
      Presets.shades_classic,
    );
    const lines = createInterface({ input: readableFrom(response) });
    let records = 0;
    for await (const line of lines) {
      file.write(`${line}\n`);
      const parsed = JSON.parse(line) as { kind: string; seq?: number; checkpoint?: { treeSize: number } };
      if (parsed.kind === 'checkpoint') bar.start(parsed.checkpoint?.treeSize ?? 1, 0, { records });
      if (parsed.kind === 'record') bar.update(parsed.seq ?? 0, { records: ++records });
      if (parsed.kind === 'end') bar.update(bar.getTotal(), { records });
    }
    bar.stop();
    await new Promise<void>((resolve, reject) =>
      file.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    process.stderr.write(`wrote ${records} records to ${options.out}\n`);
  });

program
  .command('verify')
  .description('verify the log online, or an export offline')
  .option('--export <file>', 'verify this export offline')
  .option(
    '--public-key <file>',
    'the trusted audit public key (a JWK, or a JWKS after rotations); default: the keys in the export',
  )
  .option('--checkpoint <file>', 'a trusted checkpoint (JSON) the export must match')
  .action(async (options) => {
    if (options.export) {
      const key = options.publicKey ? JSON.parse(readFileSync(options.publicKey, 'utf8')) : undefined;
      if (!key) process.stderr.write('warning: no --public-key: trusting the key inside the export\n');
      const checkpoint = options.checkpoint
        ? JSON.parse(readFileSync(options.checkpoint, 'utf8'))
        : undefined;
      const lines = createInterface({ input: createReadStream(options.export) });
      const result = await verifyExport(lines, key, checkpoint);
      out(JSON.stringify(result));
      process.exitCode = result.ok ? 0 : 1;
      return;
    }
    const report = await client().json<{ ok: boolean }>('/audit/verify');
    out(JSON.stringify(report));
    process.exitCode = report.ok ? 0 : 1;
  });

function readableFrom(response: Response): NodeJS.ReadableStream {
  return Readable.fromWeb(response.body as never);
}

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(
    `grantline-audit: ${error instanceof AuditApiError ? error.message : String(error)}\n`,
  );
  process.exitCode = 2;
});
