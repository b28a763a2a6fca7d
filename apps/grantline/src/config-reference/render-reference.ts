// docs/operations/configuration.md, rendered from the config classes and the security profiles.
// Deterministic plain Markdown with aligned tables; the file is generated, so Prettier leaves it
// alone (.prettierignore) and the staleness test compares it byte for byte.
import { SECURITY_PROFILES, SECURITY_SETTING_VARIABLES, type LifetimeRange } from '@grantline/oauth';
import type { ConfigSource } from './config-sources';
import { describeConfig, type VariableFacts } from './describe-config';

/** The security-profile variables are declared together under one comment; each gets its own line. */
const SECURITY_DESCRIPTIONS: Record<string, string> = {
  [SECURITY_SETTING_VARIABLES.profile]:
    'The security profile (see [Security profiles](#security-profiles)); default `fapi2`. The values below must fall inside it, or the service refuses to start naming the variable.',
  [SECURITY_SETTING_VARIABLES.signingAlgorithms]:
    "Comma-separated JWS algorithms accepted and used; default the profile's.",
  [SECURITY_SETTING_VARIABLES.clientAuthMethods]:
    "Comma-separated client authentication methods accepted at PAR and /token; default the profile's.",
  [SECURITY_SETTING_VARIABLES.parRequestUriLifetimeSeconds]:
    'Seconds a pushed request_uri stays usable (PAR-3); default and range from the profile.',
  [SECURITY_SETTING_VARIABLES.authorizationCodeLifetimeSeconds]:
    'Seconds an authorization code stays redeemable (CODE-1); default and range from the profile.',
  [SECURITY_SETTING_VARIABLES.accessTokenLifetimeSeconds]:
    'Seconds an access token lives (TOK-2); default and range from the profile.',
  [SECURITY_SETTING_VARIABLES.requireSignedRequestObject]:
    'true: PAR accepts only signed request objects (JAR-1); a profile that requires them cannot be relaxed.',
  [SECURITY_SETTING_VARIABLES.requirePaymentJwsSignature]:
    'true: payment POSTs must carry a detached x-jws-signature (CON-5); a profile that requires it cannot be relaxed.',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** A Markdown table with every column padded to its widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((cells) => cells[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function row(facts: VariableFacts, description: string): string[] {
  const required = { yes: 'yes', no: 'no', conditional: 'with another' }[facts.required];
  const defaultValue = facts.defaultValue === undefined ? '—' : code(facts.defaultValue);
  return [code(facts.name), required, cell(defaultValue), cell(facts.accepts.join('; ')), cell(description)];
}

function section(
  source: ConfigSource,
  comments: Map<string, string>,
  documented: Map<string, VariableFacts>,
): string {
  const facts = describeConfig(source.configClass);
  const order = [...comments.keys(), ...facts.keys()].filter((name, i, all) => all.indexOf(name) === i);
  const rows: string[][] = [];
  const overrides: string[] = [];
  for (const name of order) {
    const variable = facts.get(name);
    if (!variable) continue;
    const earlier = documented.get(name);
    if (earlier && !variable.own) {
      if (earlier.defaultValue !== variable.defaultValue)
        overrides.push(
          `${code(name)} defaults to ${variable.defaultValue === undefined ? 'nothing' : code(variable.defaultValue)}`,
        );
      continue;
    }
    if (!variable.own && !earlier) continue;
    rows.push(row(variable, SECURITY_DESCRIPTIONS[name] || comments.get(name) || fileVariant(name, facts)));
    documented.set(name, variable);
  }
  const inherited = [...facts.values()].some((variable) => !variable.own);
  return [
    `## ${source.heading}`,
    '',
    `${source.summary} Source: [${source.file}](../../${source.file}) (\`${source.className}\`).`,
    '',
    ...(inherited ? ['It also reads the variables of the sections above that it builds on.', ''] : []),
    ...(overrides.length > 0 ? [`Here ${overrides.join(', ')}.`, ''] : []),
    ...(rows.length > 0
      ? [...table(['Variable', 'Required', 'Default', 'Accepted values', 'Description'], rows), '']
      : []),
  ].join('\n');
}

/** `X_FILE` beside `X`: the same value, read from a file. */
function fileVariant(name: string, facts: Map<string, VariableFacts>): string {
  const base = name.replace(/_FILE$/, '');
  return base !== name && facts.has(base) ? `${base}, read from this file instead.` : '';
}

const lifetime = (range: LifetimeRange) => `${range.default} (${range.min}–${range.max})`;

function profilesSection(): string {
  const rows = Object.values(SECURITY_PROFILES).map((p) => [
    code(p.name),
    p.title,
    p.signingAlgorithms.join(', '),
    p.clientAuthMethods.join(', '),
    lifetime(p.parRequestUriLifetime),
    lifetime(p.authorizationCodeLifetime),
    lifetime(p.accessTokenLifetime),
    p.requiresSignedRequestObject ? 'yes' : 'no',
    p.requiresPaymentJwsSignature ? 'yes' : 'no',
  ]);
  return [
    '## Security profiles',
    '',
    'From [libs/oauth/src/profiles/security-profiles.ts](../../libs/oauth/src/profiles/security-profiles.ts). Lifetimes in seconds: default (allowed range).',
    '',
    ...table(
      [
        'Profile',
        'Title',
        'Signing algorithms',
        'Client authentication',
        'request_uri',
        'Code',
        'Access token',
        'Signed request object',
        'Payment JWS',
      ],
      rows,
    ),
    '',
  ].join('\n');
}

export function renderConfigurationReference(
  sources: readonly ConfigSource[],
  commentsOf: (source: ConfigSource) => Map<string, string>,
): string {
  const documented = new Map<string, VariableFacts>();
  return [
    '<!-- Generated by `npm run docs:config` from the config classes; edit the classes, not this file. -->',
    '',
    '# Configuration reference',
    '',
    'Every setting is an environment variable, validated when the process starts. A missing or bad value stops it with one line naming the variable (never echoing the value) and exit status 1. "Accepted values" is that line. Variables ending in `_FILE` read the same value from a file (mount Secrets as files).',
    '',
    ...sources.map((source) => section(source, commentsOf(source), documented)),
    profilesSection(),
  ].join('\n');
}
