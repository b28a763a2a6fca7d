// `npm start`: the whole platform in one process, nothing to install beyond `npm ci`.
import 'reflect-metadata';
import { loadConfigOrExit, onShutdownSignal } from '@grantline/platform';
import { EMBEDDED_SERVICES, startGrantline, type RunningGrantline } from './embedded-runtime';
import { DEMO_PSU_PASSWORDS } from './demo-psus';
import { RuntimeConfig } from './runtime.config';

const startedAt = performance.now();
const say = (line: string) => process.stderr.write(`grantline: ${line}\n`);
const config = loadConfigOrExit('runtime', RuntimeConfig, process.env);
const starting: Promise<RunningGrantline> = startGrantline(config, process.env, say);

// Installed before start-up finishes, so a signal during start-up still stops Postgres.
onShutdownSignal(
  async () => {
    const running = await starting.catch(() => undefined);
    await running?.stop();
    say('stopped');
  },
  { timeoutMs: 4500, log: say },
);

starting.then(
  (running) => {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    const lines = [
      '',
      `Grantline is ready (${seconds} s, ${running.databaseUrl} PostgreSQL, in-process events)`,
      `  public origin  ${running.publicUrl}`,
      `  audit API      ${running.auditUrl}   (internal)`,
      ...EMBEDDED_SERVICES.map(({ name }) => `  ${name.padEnd(14)} ${running.serviceUrls[name]}`),
      '',
      'Development credentials (never use them in production)',
      `  demo TPP       client_id ${running.demoTpp.client_id}, redirect URI ${running.demoTpp.redirect_uri}`,
      `                 private keys in ${running.demoTppFile}`,
      '                 try it: npm run demo -- ais (or pis; --auto approves in headless Chromium)',
      ...DEMO_PSU_PASSWORDS.map(
        ({ username, password }) => `  demo PSU       username ${username.padEnd(6)} password ${password}`,
      ),
      '',
      '  press Ctrl-C to stop',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  },
  (error: unknown) => {
    say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
