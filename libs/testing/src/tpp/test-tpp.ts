// A TPP for tests: a registered confidential client doing private_key_jwt (CLI-2), signed request
// objects (JAR-1), PKCE S256 (PKCE-1) and DPoP with dpop_jkt (CODE-3). PAR, token and consent tests
// use it as a real client would; its `forge*` helpers build the malformed inputs negative tests need.
import { writeFileSync } from 'node:fs';
import {
  type JwsAlgorithm,
  type PrivateJwk,
  type Signer,
  type SigningKey,
  createClientAssertion,
  createDpopProof,
  generateSigningKey,
  jwkThumbprint,
  randomId,
  s256CodeChallenge,
  signJwt,
  systemClock,
} from '@grantline/crypto';

export interface TestTppOptions {
  clientId?: string;
  redirectUri?: string;
  alg?: JwsAlgorithm;
  roles?: Array<'AISP' | 'PISP'>;
  clientName?: string;
  orgName?: string;
  logoUri?: string;
  /** Registers dpop_bound_access_tokens (default true); false for clients testing certificate-bound tokens. */
  dpopBoundAccessTokens?: boolean;
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export interface ParResult {
  status: number;
  body: Record<string, unknown>;
  pkce: Pkce;
}

/** Claims of a request object or an assertion, with `undefined` meaning "leave this claim out". */
export type Claims = Record<string, unknown>;

const epoch = () => Math.floor(systemClock() / 1000);

export class TestTpp {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly signingKey: SigningKey;
  /** The private JWK, as a TPP keeps it (the embedded runtime prints the demo TPP's). */
  readonly privateJwk: PrivateJwk;
  readonly dpopKey: SigningKey;
  readonly roles: Array<'AISP' | 'PISP'>;
  readonly clientName: string;
  readonly orgName: string;
  readonly logoUri?: string;
  readonly dpopBoundAccessTokens: boolean;

  constructor(options: TestTppOptions = {}) {
    const alg = options.alg ?? 'ES256';
    this.clientId = options.clientId ?? `tpp-${randomId(16).replace(/[^A-Za-z0-9]/g, 'x')}`;
    this.redirectUri = options.redirectUri ?? 'https://tpp.example/callback';
    const generated = generateSigningKey(alg);
    this.signingKey = generated.signingKey;
    this.privateJwk = generated.privateJwk;
    this.dpopKey = generateSigningKey('ES256').signingKey;
    this.roles = options.roles ?? ['AISP', 'PISP'];
    this.clientName = options.clientName ?? 'Example Budgeting App';
    this.orgName = options.orgName ?? 'Example Fintech Ltd';
    this.logoUri = options.logoUri;
    this.dpopBoundAccessTokens = options.dpopBoundAccessTokens ?? true;
  }

  /** The client's RFC 7591 registration, public keys only, for GRANTLINE_CLIENTS_FILE. */
  registration(): Record<string, unknown> {
    return {
      client_id: this.clientId,
      client_name: this.clientName,
      org_name: this.orgName,
      ...(this.logoUri && { logo_uri: this.logoUri }),
      redirect_uris: [this.redirectUri],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [this.signingKey.publicJwk] },
      dpop_bound_access_tokens: this.dpopBoundAccessTokens,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      roles: this.roles,
    };
  }

  /** RFC 7638 thumbprint of the DPoP key: the `dpop_jkt` PAR parameter. */
  get dpopJkt(): string {
    return jwkThumbprint(this.dpopKey.publicJwk);
  }

  newPkce(): Pkce {
    const verifier = randomId(32);
    return { verifier, challenge: s256CodeChallenge(verifier) };
  }

  clientAssertion(audience: string, overrides: Claims = {}): Promise<string> {
    if (Object.keys(overrides).length === 0) {
      return createClientAssertion(this.signingKey, {
        clientId: this.clientId,
        audience,
        clock: systemClock,
      });
    }
    const now = epoch();
    return this.sign({
      iss: this.clientId,
      sub: this.clientId,
      aud: audience,
      jti: randomId(16),
      iat: now,
      exp: now + 60,
      ...overrides,
    });
  }

  /** A request object (JAR) with good defaults: aud = issuer, iss = client, nbf/exp 5 minutes. */
  requestObject(
    issuer: string,
    parameters: Claims,
    overrides: Claims = {},
    signer?: Signer,
  ): Promise<string> {
    const now = epoch();
    return this.sign(
      {
        iss: this.clientId,
        aud: issuer,
        client_id: this.clientId,
        nbf: now,
        exp: now + 300,
        iat: now,
        jti: randomId(16),
        ...parameters,
        ...overrides,
      },
      { typ: 'oauth-authz-req+jwt' },
      signer,
    );
  }

  dpopProof(method: string, url: string, accessToken?: string, nonce?: string): Promise<string> {
    return createDpopProof({ key: this.dpopKey, method, url, clock: systemClock, accessToken, nonce });
  }

  /** The parameters of a good authorization request, before client authentication. */
  authorizationRequest(pkce: Pkce, extra: Claims = {}): Claims {
    return {
      response_type: 'code',
      client_id: this.clientId,
      redirect_uri: this.redirectUri,
      scope: 'openid accounts',
      state: randomId(16),
      nonce: randomId(16),
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      dpop_jkt: this.dpopJkt,
      ...extra,
    };
  }

  /**
   * A pushed authorization request's form: `parameters` (undefined values dropped, objects as JSON)
   * plus a fresh client assertion for `issuer`, unless `parameters` brings its own client authentication.
   */
  async parForm(issuer: string, parameters: Claims): Promise<URLSearchParams> {
    const form = new URLSearchParams();
    const withAuth: Claims = {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await this.clientAssertion(issuer),
      ...parameters,
    };
    for (const [name, value] of Object.entries(withAuth)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) && name !== 'authorization_details' ? value : [value]) {
        form.append(name, typeof item === 'string' ? item : JSON.stringify(item));
      }
    }
    return form;
  }

  /** POSTs a pushed authorization request (see parForm). */
  async push(
    parEndpoint: string,
    issuer: string,
    parameters: Claims,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(parEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: await this.parForm(issuer, parameters),
    });
    const text = await response.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsed: text };
    }
    return { status: response.status, body };
  }

  /** The happy path: a signed-or-plain request with PKCE and dpop_jkt, as a real TPP sends it. */
  async pushAuthorizationRequest(
    parEndpoint: string,
    issuer: string,
    extra: Claims = {},
    options: { signed?: boolean } = {},
  ): Promise<ParResult> {
    const pkce = this.newPkce();
    const request = this.authorizationRequest(pkce, extra);
    const parameters = options.signed
      ? { client_id: this.clientId, request: await this.requestObject(issuer, request) }
      : request;
    return { ...(await this.push(parEndpoint, issuer, parameters)), pkce };
  }

  /** Signs arbitrary claims with the client's key; `signer` swaps the key (another client's, say). */
  sign(
    claims: Claims,
    header: Record<string, unknown> = { typ: 'JWT' },
    signer: Signer = this.signingKey,
  ): Promise<string> {
    const defined = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
    return signJwt(signer, defined, header);
  }

  /** A token whose header names `alg` but whose signature is the client's ES256 one (RS256, HS256…). */
  forgeWithAlg(alg: string, claims: Claims): Promise<string> {
    const signer: Signer = {
      kid: this.signingKey.kid,
      alg: alg as JwsAlgorithm,
      sign: (input) => this.signingKey.sign(input),
    };
    return this.sign(claims, { typ: 'JWT' }, signer);
  }

  /** An unsecured JWT (`alg: none`). */
  static unsigned(claims: Claims): string {
    const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${segment({ alg: 'none', typ: 'JWT' })}.${segment(claims)}.`;
  }

  /** The same JWT with one signature character changed. */
  static tampered(jwt: string): string {
    const last = jwt.at(-2) === 'A' ? 'B' : 'A';
    return `${jwt.slice(0, -2)}${last}${jwt.at(-1)}`;
  }
}

/** Writes a clients file (JSON) registering the given TPPs. */
export function writeClientsFile(path: string, tpps: readonly TestTpp[]): void {
  writeFileSync(path, JSON.stringify({ clients: tpps.map((tpp) => tpp.registration()) }, null, 2));
}
