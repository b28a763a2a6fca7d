// Credentials never reach a log line (TOK-7; seed 004 found 40 % of providers leaking tokens to
// logs). Headers and body fields are redacted by path; query strings are rewritten before logging.

export const REDACTED = '[REDACTED]';

/** Request parameters (query or form body) whose values are credentials or carry one. */
export const CREDENTIAL_PARAMETERS = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'client_assertion',
  'client_secret',
  'assertion',
  'request',
  'request_uri',
  'response',
  'password',
  'otp',
] as const;

export const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'dpop',
  'cookie',
  'set-cookie',
  'x-jws-signature',
  'x-ssl-client-cert',
  'x-client-cert',
] as const;

/** pino `redact.paths`: headers of requests and responses, and credential fields wherever they appear two levels deep. */
export const REDACTED_LOG_PATHS: string[] = [
  ...CREDENTIAL_HEADERS.map((header) => `req.headers["${header}"]`),
  ...CREDENTIAL_HEADERS.map((header) => `res.headers["${header}"]`),
  ...CREDENTIAL_PARAMETERS.map((field) => `*.${field}`),
  ...CREDENTIAL_PARAMETERS.map((field) => `*.*.${field}`),
  ...CREDENTIAL_PARAMETERS.map((field) => `req.body.${field}`),
];

const credentialParameterNames: ReadonlySet<string> = new Set(CREDENTIAL_PARAMETERS);

/** The URL with the value of every credential parameter in its query replaced; the path is kept. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const path = url.slice(0, queryStart);
  const rewritten = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const rawName = separator < 0 ? pair : pair.slice(0, separator);
      return isCredentialName(rawName) ? `${rawName}=${REDACTED}` : pair;
    });
  return `${path}?${rewritten.join('&')}`;
}

function isCredentialName(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    // A malformed escape is still checked as written.
  }
  return credentialParameterNames.has(name.trim().toLowerCase());
}
