// The embedded runtime's development credentials, generated once under GRANTLINE_DATA_DIR and kept
// across restarts: the AS signing keys, the code-sealing keys, the PSU pseudonym key, and a demo TPP
// (client_id, private JWKS, redirect URI in .data/demo-tpp.json). Production never uses these: there
// keys and clients come from the operator's environment and files.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type PrivateJwk, generateSigningKey, randomId, signingKeyFromJwk } from '@grantline/crypto';
import { readClientsFile } from '@grantline/oauth';
import type { Environment } from '@grantline/platform';

export const DEMO_TPP_CLIENT_ID = 'demo-tpp';

export interface DemoTpp {
  client_id: string;
  redirect_uri: string;
  /** Registered too: the loopback address the demo TPP (`npm run demo`) listens on for the redirect. */
  loopback_redirect_uri?: string;
  /** The TPP's private signing keys (client assertions, request objects): for the developer's client. */
  jwks: { keys: PrivateJwk[] };
}

export interface DevCredentials {
  /** Variables every service reads (ISSUER, keys, clients file); the operator's own values win. */
  environment: Environment;
  demoTpp: DemoTpp;
  demoTppFile: string;
}

/** Reads `file`, or writes what `create` makes (owner-only permissions) and returns that. */
function kept(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const value = create();
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

function demoTppKeys(directory: string): PrivateJwk {
  const text = kept(join(directory, 'demo-tpp-key.json'), () =>
    JSON.stringify(generateSigningKey('ES256', 'demo-tpp-es256').privateJwk),
  );
  return JSON.parse(text) as PrivateJwk;
}

export async function prepareDevCredentials(
  dataDir: string,
  publicUrl: string,
  env: Environment,
  demoCallbackPort?: number,
): Promise<DevCredentials> {
  const directory = resolve(dataDir, 'keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const signingKeysFile = join(directory, 'signing-keys.json');
  kept(signingKeysFile, () =>
    JSON.stringify({ keys: [generateSigningKey('ES256', `dev-${randomId(16).slice(0, 8)}`).privateJwk] }),
  );
  const sealingKeys = kept(join(directory, 'code-sealing-keys'), () => `dev-1:${randomId(32)}`).trim();
  const pseudonymKey = kept(join(directory, 'subject-pseudonym-key'), () => randomId(32)).trim();

  const tppJwk = demoTppKeys(directory);
  const tppPublic = signingKeyFromJwk(tppJwk).publicJwk;
  const demoTpp: DemoTpp = {
    client_id: DEMO_TPP_CLIENT_ID,
    redirect_uri: `${publicUrl}/demo-tpp/callback`,
    ...(demoCallbackPort !== undefined && {
      loopback_redirect_uri: `http://127.0.0.1:${demoCallbackPort}/callback`,
    }),
    jwks: { keys: [tppJwk] },
  };
  const demoTppFile = resolve(dataDir, 'demo-tpp.json');
  writeFileSync(demoTppFile, JSON.stringify(demoTpp, null, 2), { mode: 0o600 });

  // The demo TPP first, then the operator's own clients (GRANTLINE_CLIENTS_FILE), validated as usual.
  const operatorFile = env['GRANTLINE_CLIENTS_FILE'];
  const operatorClients = operatorFile
    ? await readClientsFile(operatorFile, { allowLoopbackHttp: true })
    : [];
  const clientsFile = resolve(dataDir, 'clients.json');
  const demoRegistration = {
    client_id: DEMO_TPP_CLIENT_ID,
    client_name: 'Grantline Demo TPP',
    org_name: 'Demo Fintech Ltd',
    redirect_uris: [
      demoTpp.redirect_uri,
      ...(demoTpp.loopback_redirect_uri ? [demoTpp.loopback_redirect_uri] : []),
    ],
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [tppPublic] },
    dpop_bound_access_tokens: true,
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    roles: ['AISP', 'PISP'],
  };
  writeFileSync(clientsFile, JSON.stringify({ clients: [demoRegistration, ...operatorClients] }, null, 2));

  return {
    environment: {
      ISSUER: env['ISSUER'] ?? publicUrl,
      ...(env['SIGNING_KEYS'] ? {} : { SIGNING_KEYS_FILE: env['SIGNING_KEYS_FILE'] ?? signingKeysFile }),
      CODE_SEALING_KEYS: env['CODE_SEALING_KEYS'] ?? sealingKeys,
      SUBJECT_PSEUDONYM_KEY: env['SUBJECT_PSEUDONYM_KEY'] ?? pseudonymKey,
      GRANTLINE_CLIENTS_FILE: clientsFile,
      ALLOW_LOOPBACK_HTTP_REDIRECTS: 'true',
    },
    demoTpp,
    demoTppFile,
  };
}
