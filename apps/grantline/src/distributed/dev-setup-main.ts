// One-shot container of docker compose: development keys, the demo TPP and per-service env files
// into GRANTLINE_DATA_DIR (a volume), then the demo core bank's accounts when DATABASE_URL is given.
//   node dist/apps/grantline/src/distributed/dev-setup-main.js
import 'reflect-metadata';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import { prepareDistributedDevSettings } from './dev-setup';

const say = (line: string) => process.stderr.write(`grantline-dev-setup: ${line}\n`);

async function main(): Promise<void> {
  const dataDir = process.env['GRANTLINE_DATA_DIR'] ?? '/var/lib/grantline';
  const issuer = process.env['ISSUER'];
  if (!issuer) throw new Error('ISSUER is required: the public origin, e.g. http://localhost:8080');
  const files = await prepareDistributedDevSettings(dataDir, issuer, process.env);
  say(`development settings (never for production) in ${files.join(', ')}`);
  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) {
    await prepareDemoCoreBank(databaseUrl);
    say('demo core bank ready');
  }
}

main().catch((error: unknown) => {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
