// A real FAPI 2.0 relying party for the interop e2e: openid-client v6, unmodified, in its own Node
// process (it is ESM-only, and jest 29's CommonJS runtime cannot load it; see libs/crypto's jose
// oracle for the same arrangement). The test sends one JSON line per step on stdin and reads one
// JSON line back. Tokens stay in this process, in named slots: the test never sees or logs them,
// it only asks for what a TPP could tell it (status codes, token types, decoded access-token claims).
//
// Configuration, all openid-client's own: discovery from the issuer, PAR required
// (buildAuthorizationUrlWithPAR), private_key_jwt with the client's key (PrivateKeyJwt) or mutual
// TLS (TlsClientAuth), DPoP (randomDPoPKeyPair + getDPoPHandle), PKCE S256, state and nonce, the
// RFC 9207 `iss` check (done by openid-client because the server advertises
// authorization_response_iss_parameter_supported). allowInsecureRequests only for an http:// issuer.
import { createInterface } from 'node:readline';
import * as client from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';

let config;
let dpop;
/** The authorization request in flight: what the callback is checked against. */
let pending;
/** Named token responses (`cc`, `first`, `refreshed`…). */
const tokens = new Map();

const claimsOf = (jwt) => {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

/** What the test may see of a token response: everything but the tokens themselves. */
function summary(response) {
  return {
    token_type: response.token_type,
    expires_in: response.expires_in,
    scope: response.scope,
    grant_id: response.grant_id,
    authorization_details: response.authorization_details,
    has_refresh_token: typeof response.refresh_token === 'string',
    has_id_token: typeof response.id_token === 'string',
    access_token_claims: claimsOf(response.access_token),
    id_token_claims: response.id_token ? response.claims() : undefined,
  };
}

function slot(name) {
  const response = tokens.get(name);
  if (!response) throw new Error(`no token response named ${name}`);
  return response;
}

function tokenOf(name, kind = 'access') {
  const response = slot(name);
  return kind === 'refresh' ? response.refresh_token : response.access_token;
}

const dpopOption = () => (dpop ? { DPoP: dpop } : {});

/** The CA the https issuer's certificate comes from. */
let serverCa;

/** A fetch presenting `certificate` (PEM cert and key) on every connection. */
function presenting(certificate) {
  const agent = new Agent({ connect: { cert: certificate.cert, key: certificate.key, ca: serverCa } });
  return (url, init) => undiciFetch(url, { ...init, dispatcher: agent });
}

async function importPrivateKey(jwk) {
  const algorithm =
    jwk.kty === 'EC' ? { name: 'ECDSA', namedCurve: jwk.crv } : { name: 'RSA-PSS', hash: 'SHA-256' };
  // Key material only: WebCrypto refuses some registration members (use, key_ops).
  const members =
    jwk.kty === 'EC' ? ['kty', 'crv', 'x', 'y', 'd'] : ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
  const material = Object.fromEntries(members.map((name) => [name, jwk[name]]));
  const key = await crypto.subtle.importKey('jwk', material, algorithm, false, ['sign']);
  return { key, kid: jwk.kid };
}

const steps = {
  async discover({ issuer, clientId, privateJwk, metadata = {}, tls, dpop: useDpop = true }) {
    const clientAuth = privateJwk
      ? client.PrivateKeyJwt(await importPrivateKey(privateJwk))
      : client.TlsClientAuth();
    const options = new URL(issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {};
    if (tls) {
      // The client certificate goes with every request (RFC 8705), through undici's Agent.
      serverCa = tls.ca;
      options[client.customFetch] = presenting(tls);
    }
    config = await client.discovery(new URL(issuer), clientId, metadata, clientAuth, options);
    dpop = useDpop ? client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256')) : undefined;
    const server = config.serverMetadata();
    return {
      issuer: server.issuer,
      pushed_authorization_request_endpoint: server.pushed_authorization_request_endpoint,
      authorization_response_iss_parameter_supported: server.authorization_response_iss_parameter_supported,
      mtls_endpoint_aliases: server.mtls_endpoint_aliases,
    };
  },

  async clientCredentials({ scope, name }) {
    tokens.set(name, await client.clientCredentialsGrant(config, { scope }, dpopOption()));
    return summary(slot(name));
  },

  async pushAuthorizationRequest({ parameters }) {
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = await client.buildAuthorizationUrlWithPAR(
      config,
      {
        redirect_uri: parameters.redirect_uri,
        scope: parameters.scope,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(parameters.authorization_details && {
          authorization_details: JSON.stringify(parameters.authorization_details),
        }),
        ...(parameters.grant_management_action && {
          grant_management_action: parameters.grant_management_action,
          grant_id: parameters.grant_id,
        }),
      },
      dpopOption(),
    );
    pending = { codeVerifier, state, nonce, openid: parameters.scope.split(' ').includes('openid') };
    return { authorizationUrl: url.href, state };
  },

  async redeem({ callbackUrl, name }) {
    const response = await client.authorizationCodeGrant(
      config,
      new URL(callbackUrl),
      {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: pending.openid,
      },
      undefined,
      dpopOption(),
    );
    tokens.set(name, response);
    return summary(response);
  },

  async refresh({ from, name }) {
    const refreshed = await client.refreshTokenGrant(
      config,
      tokenOf(from, 'refresh'),
      undefined,
      dpopOption(),
    );
    // Refresh tokens are not rotated (TOK-3): the response may leave it out; keep the one we hold.
    if (!refreshed.refresh_token) refreshed.refresh_token = tokenOf(from, 'refresh');
    tokens.set(name, refreshed);
    return summary(refreshed);
  },

  async resource({ url, method = 'GET', body, headers = {}, token, certificate }) {
    // `certificate`: present another client certificate than the TPP's for this one call (MTLS-1).
    const usual = config[client.customFetch];
    if (certificate) config[client.customFetch] = presenting(certificate);
    let response;
    try {
      response = await client.fetchProtectedResource(
        config,
        tokenOf(token),
        new URL(url),
        method,
        body === undefined ? undefined : JSON.stringify(body),
        new Headers({
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        }),
        dpopOption(),
      );
    } catch (error) {
      // A refusal with a WWW-Authenticate challenge (RFC 6750 / RFC 9449) is an answer, not a failure.
      if (error?.code !== 'OAUTH_WWW_AUTHENTICATE_CHALLENGE') throw error;
      return {
        status: error.status,
        body: undefined,
        wwwAuthenticate: error.response?.headers.get('www-authenticate') ?? null,
      };
    } finally {
      config[client.customFetch] = usual;
    }
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json, wwwAuthenticate: response.headers.get('www-authenticate') };
  },

  async introspect({ token, kind = 'access' }) {
    return client.tokenIntrospection(config, tokenOf(token, kind), { token_type_hint: `${kind}_token` });
  },

  async revoke({ token, kind = 'access' }) {
    await client.tokenRevocation(config, tokenOf(token, kind), { token_type_hint: `${kind}_token` });
    return { revoked: true };
  },
};

/** An error as the test can assert on it: openid-client's code, the OAuth error, the HTTP status. */
async function describeError(error) {
  const cause = error?.cause;
  let described;
  if (cause instanceof Response) {
    // An answer openid-client did not expect: its status and (error) body say why.
    described = { status: cause.status, body: (await cause.text().catch(() => '')).slice(0, 500) };
  } else if (cause instanceof Error) {
    described = { code: cause.code, message: cause.message };
  }
  return {
    name: error?.name,
    code: error?.code,
    message: String(error?.message ?? error),
    error: error?.error,
    error_description: error?.error_description,
    status: error?.status,
    cause: described,
  };
}

const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const { id, step, ...input } = JSON.parse(line);
  try {
    const run = steps[step];
    if (!run) throw new Error(`unknown step ${step}`);
    process.stdout.write(`${JSON.stringify({ id, result: (await run(input)) ?? null })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ id, error: await describeError(error) })}\n`);
  }
});
lines.on('close', () => process.exit(0));
