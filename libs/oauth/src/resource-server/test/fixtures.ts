// A token service, a TPP and a resource server in one place, so each spec states only what it
// changes: the token's claims, the proof, the certificate, or the options.
import {
  InMemoryJtiReplayStore,
  createDpopProof,
  generateSigningKey,
  issueAccessToken,
  jwkThumbprint,
  keySetFromJwks,
  type AccessTokenClaims,
  type SigningKey,
} from '@grantline/crypto';
import {
  ProtectedResource,
  type ProtectedResourceOptions,
  type ProtectedResourceRequest,
} from '../protected-resource';
import { InMemoryRevocationDenylist } from '../revocation-denylist';
import { VerifiedAccessTokens } from '../verified-access-tokens';

export const ISSUER = 'https://as.bank.example';
export const AUDIENCE = 'https://api.bank.example';
export const RESOURCE_URL = `${AUDIENCE}/accounts`;
export const NOW_MS = Date.UTC(2026, 5, 1, 12, 0, 0);
export const NOW = NOW_MS / 1000;

/** Two self-signed P-256 certificates: the TPP's (bound into tokens) and someone else's. */
export const TPP_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBljCCATugAwIBAgIUXp5ZIt+vXaOWCVuim9ixDWWCm64wCgYIKoZIzj0EAwIw
IDEOMAwGA1UEAwwFdHBwLWExDjAMBgNVBAoMBVRQUCBhMB4XDTI2MTEyMzA4NDMy
MVoXDTM2MTEyMDA4NDMyMVowIDEOMAwGA1UEAwwFdHBwLWExDjAMBgNVBAoMBVRQ
UCBhMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETH8Zsp+efyVHL5fNXbfvqTdZ
JoBscpdQOtfToNy4LcsQ8/IephKmP6iLAQ1vglmNCpuB5fgxsn/IL1yqqIZEh6NT
MFEwHQYDVR0OBBYEFDsealxnaViItg7ZNqIwo+iVonH5MB8GA1UdIwQYMBaAFDse
alxnaViItg7ZNqIwo+iVonH5MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID
SQAwRgIhAPeeTmeN75s00CalZELJmA5z6myrDYHZsQ6klucGvFbeAiEA1js3g34G
pKGI5fjVFnr2YFkJZ9DYX+yZTZS1rGyqOF0=
-----END CERTIFICATE-----
`;
export const OTHER_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBlDCCATugAwIBAgIUDY4j1jPIuxjA5L5+eJv+xrKR+8YwCgYIKoZIzj0EAwIw
IDEOMAwGA1UEAwwFdHBwLWIxDjAMBgNVBAoMBVRQUCBiMB4XDTI2MTEyMzA4NDMy
MVoXDTM2MTEyMDA4NDMyMVowIDEOMAwGA1UEAwwFdHBwLWIxDjAMBgNVBAoMBVRQ
UCBiMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAExWZw3Zeb5meBtQYRnkdhV5UO
sm+RjUMI212puLvOMaGj18l7kXd+3dVfv7ZveStp/AsTcP69JyvNn4TBGrjqT6NT
MFEwHQYDVR0OBBYEFGhSfeMpTYhJl1CI7DfQrm84geNzMB8GA1UdIwQYMBaAFGhS
feMpTYhJl1CI7DfQrm84geNzMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID
RwAwRAIgBtVYWEU1zn70nhPE7LLGsvWSORSIikxIBA3s6PJ9UAACIBqdN7JUE1rE
B7wzoEIzaTXFAnyD+uKEyWDEPSUn6RbS
-----END CERTIFICATE-----
`;

/** DER bytes of a PEM certificate, as a TLS socket reports them. */
export function derOf(pem: string): Uint8Array {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
}

export interface ProofOverrides {
  readonly key?: SigningKey;
  readonly method?: string;
  readonly url?: string;
  readonly nonce?: string;
}

export class ResourceServerWorld {
  now = NOW_MS;
  readonly clock = (): number => this.now;
  readonly tokenService = generateSigningKey('ES256', 'as-key-1').signingKey;
  readonly tppDpopKey = generateSigningKey('ES256').signingKey;
  readonly jkt = jwkThumbprint(this.tppDpopKey.publicJwk);
  readonly denylist = new InMemoryRevocationDenylist(this.clock);
  readonly options: ProtectedResourceOptions;
  readonly resource: ProtectedResource;
  private issued = 0;

  constructor(overrides: Partial<ProtectedResourceOptions> = {}) {
    this.options = {
      issuer: ISSUER,
      audience: AUDIENCE,
      accessTokenKeys: keySetFromJwks({ keys: [this.tokenService.publicJwk] }),
      algorithms: ['PS256', 'ES256', 'EdDSA'],
      denylist: this.denylist,
      dpopReplay: new InMemoryJtiReplayStore(this.clock),
      // As in production (issuerProtectedResource): every check here runs with it.
      verifiedAccessTokens: new VerifiedAccessTokens(),
      clock: this.clock,
      ...overrides,
    };
    this.resource = new ProtectedResource(this.options);
  }

  accessToken(
    claims: Partial<AccessTokenClaims> = {},
    signer: SigningKey = this.tokenService,
  ): Promise<string> {
    const iat = Math.floor(this.now / 1000);
    return issueAccessToken(signer, {
      iss: ISSUER,
      sub: 'psu-7781',
      aud: AUDIENCE,
      client_id: 'tpp-1',
      iat,
      exp: iat + 300,
      jti: `at-${++this.issued}`,
      scope: 'accounts',
      grant_id: 'grant-1',
      authorization_details: [{ type: 'account_access', consent_id: 'aac-1' }],
      cnf: { jkt: this.jkt },
      ...claims,
    });
  }

  proof(token: string, overrides: ProofOverrides = {}): Promise<string> {
    return createDpopProof({
      key: overrides.key ?? this.tppDpopKey,
      method: overrides.method ?? 'GET',
      url: overrides.url ?? RESOURCE_URL,
      clock: this.clock,
      accessToken: token,
      nonce: overrides.nonce,
    });
  }

  dpopRequest(token: string, proof: string, url = RESOURCE_URL): ProtectedResourceRequest {
    return { method: 'GET', url, headers: { authorization: `DPoP ${token}`, dpop: proof } };
  }

  /** A valid DPoP-bound token and proof for GET /accounts. */
  async validDpopRequest(claims: Partial<AccessTokenClaims> = {}): Promise<ProtectedResourceRequest> {
    const token = await this.accessToken(claims);
    return this.dpopRequest(token, await this.proof(token));
  }
}

/** Awaits a rejection and returns it, so a spec can assert its code, status and headers. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{
  code: string;
  status: number;
  toProtocolProblem(): { status: number; headers?: Record<string, string>; body: Record<string, unknown> };
}> {
  try {
    await promise;
  } catch (error) {
    return error as Awaited<ReturnType<typeof rejectionOf>>;
  }
  throw new Error('expected a rejection');
}
