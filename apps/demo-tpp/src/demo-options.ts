// The demo TPP's command line: which journey, against which platform, as which TPP and PSU. Parsing
// only; main.ts runs what was asked. Commander's own output (help, errors) goes through `write`.
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';

export const JOURNEYS = ['ais', 'pis'] as const;
export type Journey = (typeof JOURNEYS)[number];

export interface DemoOptions {
  journey: Journey;
  /** The platform's public origin; undefined: the one the TPP file names. */
  issuer?: string;
  tpp: string;
  user: string;
  password: string;
  /** Drive headless Chromium as the PSU instead of waiting for a person. */
  auto: boolean;
  /** How long to wait for the PSU's redirect. */
  waitSeconds: number;
}

export const DEFAULT_TPP_FILE = '.data/demo-tpp.json';

function originOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL (e.g. http://127.0.0.1:8080)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('must be an http:// or https:// URL');
  return url.href.replace(/\/+$/, '');
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return seconds;
}

/** The program; `write` receives help and error text (stdout and stderr in the real CLI). */
export function demoProgram(write: { out(text: string): void; err(text: string): void }): Command {
  return new Command('demo')
    .description(
      'Runs an Open Banking journey as the demo TPP (openid-client, FAPI 2.0: PAR, private_key_jwt, DPoP, PKCE)\n' +
        'against a running Grantline (`npm start`), printing each step.',
    )
    .addArgument(
      new Argument('<journey>', 'ais: account information; pis: a domestic payment').choices(JOURNEYS),
    )
    .addOption(
      new Option(
        '--issuer <url>',
        "the platform's public origin (default: the one the TPP file names)",
      ).argParser(originOf),
    )
    .option('--tpp <file>', "the demo TPP's client_id, private keys and redirect URIs", DEFAULT_TPP_FILE)
    .option('--user <username>', 'the demo PSU who signs in', 'alice')
    .option('--password <password>', "the demo PSU's password", 'alice-demo-pass')
    .option('--auto', 'sign in and approve in headless Chromium instead of waiting for a person', false)
    .addOption(
      new Option('--wait <seconds>', 'how long to wait for the bank to redirect back')
        .argParser(positiveSeconds)
        .default(300),
    )
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(false);
}

export type Parsed = { options: DemoOptions } | { exitCode: number };

/** Parses `args` (without node and the script); help and usage errors come back as an exit code. */
export function parseDemoArguments(
  args: readonly string[],
  write: { out(text: string): void; err(text: string): void },
): Parsed {
  const program = demoProgram(write);
  try {
    program.parse([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode };
    throw error;
  }
  const given = program.opts<{
    issuer?: string;
    tpp: string;
    user: string;
    password: string;
    auto: boolean;
    wait: number;
  }>();
  return {
    options: {
      journey: program.processedArgs[0] as Journey,
      issuer: given.issuer,
      tpp: given.tpp,
      user: given.user,
      password: given.password,
      auto: given.auto,
      waitSeconds: given.wait,
    },
  };
}
