// `npm run demo -- ais|pis [--auto]`: the demo TPP runs a whole Open Banking journey against a
// running Grantline and says what happens at each step. A failure is one sentence and exit code 1.
import { parseDemoArguments } from './demo-options';
import { DemoStopped, readDemoTpp } from './demo-tpp-file';
import { FapiClient } from './fapi-client';
import { accountInformation, domesticPayment } from './journeys';
import { Narration, scrubbed } from './narration';

const write = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

async function main(): Promise<number> {
  const parsed = parseDemoArguments(process.argv.slice(2), write);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { options } = parsed;
  const say = new Narration(write.out);

  const tpp = readDemoTpp(options.tpp);
  const issuer = options.issuer ?? tpp.platformOrigin;
  say.step(`Discover the bank at ${issuer} (openid-client v6, FAPI 2.0)`);
  const client = await FapiClient.connect(issuer, tpp);
  const server = client.serverMetadata();
  say.detail(`issuer ${server.issuer}; PAR at ${server.pushed_authorization_request_endpoint ?? '(none)'}`);
  say.detail(
    `the demo TPP is ${tpp.clientId}; its key signs client assertions, a fresh ES256 key signs DPoP proofs`,
  );

  const context = {
    client,
    issuer,
    tpp,
    say,
    psu: {
      username: options.user,
      password: options.password,
      auto: options.auto,
      waitSeconds: options.waitSeconds,
    },
  };
  if (options.journey === 'ais') await accountInformation(context);
  else await domesticPayment(context);
  write.out(
    `\ndone: the ${options.journey === 'ais' ? 'account information' : 'payment'} journey completed\n`,
  );
  return 0;
}

/** Exits once both streams have flushed (on macOS pipes are asynchronous: a plain exit may cut output). */
const exit = (code: number) =>
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));

main().then(
  (code) => exit(code),
  (error: unknown) => {
    // A DemoStopped is already a sentence; anything else gets its message, never a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    write.err(scrubbed(`\ndemo: ${error instanceof DemoStopped ? '' : 'failed: '}${message}\n`));
    exit(1);
  },
);
