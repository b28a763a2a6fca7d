// The demo TPP's registration as the embedded runtime writes it (.data/demo-tpp.json): client_id,
// private JWKS, the redirect URI on the platform's own origin and the loopback one this CLI
// listens on. Read and checked here so a missing or stale file is one clear sentence.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A failure the demo explains in one sentence (no stack trace): the user can act on it. */
export class DemoStopped extends Error {}

export interface DemoTppRegistration {
  clientId: string;
  /** The private JWK for private_key_jwt and x-jws-signature. */
  privateJwk: Record<string, unknown>;
  /** Where this CLI listens for the bank's redirect (http://127.0.0.1:<port>/callback). */
  redirectUri: string;
  /** The public origin the runtime wrote the file for (its own redirect URI's origin). */
  platformOrigin: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses the file's text; `path` only names it in messages. */
export function parseDemoTpp(text: string, path: string): DemoTppRegistration {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DemoStopped(
      `${path} is not JSON: delete it and restart the platform (npm start) to rewrite it`,
    );
  }
  const keys = isObject(json) && isObject(json['jwks']) ? json['jwks']['keys'] : undefined;
  const privateJwk = Array.isArray(keys)
    ? keys.find((key) => isObject(key) && typeof key['d'] === 'string')
    : undefined;
  if (!isObject(json) || typeof json['client_id'] !== 'string' || !isObject(privateJwk)) {
    throw new DemoStopped(
      `${path} has no client_id and private key: restart the platform (npm start) to rewrite it`,
    );
  }
  if (typeof json['loopback_redirect_uri'] !== 'string' || typeof json['redirect_uri'] !== 'string') {
    throw new DemoStopped(
      `${path} names no loopback redirect URI for the demo: rebuild and restart the platform (npm start)`,
    );
  }
  return {
    clientId: json['client_id'],
    privateJwk,
    redirectUri: json['loopback_redirect_uri'],
    platformOrigin: new URL(json['redirect_uri']).origin,
  };
}

export function readDemoTpp(path: string): DemoTppRegistration {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DemoStopped(
      code === 'ENOENT'
        ? `no demo TPP file at ${path}: start the platform first (npm start writes it), or name it with --tpp`
        : `cannot read the demo TPP file ${path} (${code ?? 'unreadable'})`,
    );
  }
  return parseDemoTpp(text, path);
}
