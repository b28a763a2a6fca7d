// What /introspect and /revoke share: a form body (RFC 7662 §2.1, RFC 7009 §2.1), the caller
// authenticated with the token endpoint's rules (CLI-1..3: private_key_jwt with aud = issuer and a
// single-use jti, or an mTLS method with the certificate this service sees; no secrets, no
// anonymous callers), and the presented token recognised as one of ours.
import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_TYPE, type JtiReplayStore, type JwtClaims, verifyJwt } from '@grantline/crypto';
import {
  type ClientCertificateSettings,
  type FormValue,
  InvalidRequestError,
  type RegisteredClient,
  authenticateClient,
  clientCertificateOf,
  clientCertificateSettings,
  mutualTlsAuthenticator,
} from '@grantline/oauth';
import { clientCertificateConfigOf, JTI_REPLAY_STORE, SERVICE_CONFIG } from '@grantline/platform';
import type { FastifyRequest } from 'fastify';
import { TokenRecords } from '../records';
import { type PresentedToken, identifyToken } from '../records/presented-token';
import { TOKEN_SETTINGS, type TokenSettings } from '../settings/token-settings';
import type { TokenConfig } from '../token.config';

const FORM = 'application/x-www-form-urlencoded';

export interface TokenStatusRequest {
  client: RegisteredClient;
  token: string;
  tokenTypeHint?: string;
}

@Injectable()
export class TokenStatusRequests {
  private readonly certificates: ClientCertificateSettings;
  private readonly mutualTls: ReturnType<typeof mutualTlsAuthenticator>;

  constructor(
    @Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings,
    @Inject(JTI_REPLAY_STORE) private readonly replay: JtiReplayStore,
    private readonly records: TokenRecords,
    @Inject(SERVICE_CONFIG) config: TokenConfig,
  ) {
    this.certificates = clientCertificateSettings({
      ...clientCertificateConfigOf(config),
      clock: settings.clock,
    });
    this.mutualTls = mutualTlsAuthenticator(this.certificates);
  }

  get issuer(): string {
    return this.settings.issuer;
  }

  now(): Date {
    return new Date(this.settings.clock());
  }

  /** Parses and authenticates; throws invalid_request (400) or invalid_client (401). */
  async accept(request: FastifyRequest): Promise<TokenStatusRequest> {
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== FORM || typeof request.body !== 'object' || request.body === null) {
      throw new InvalidRequestError(`the request must be ${FORM}`);
    }
    const form = { ...(request.body as Record<string, FormValue>) };
    const { client } = await authenticateClient(
      {
        form,
        authorizationHeader: request.headers.authorization,
        clientCertificate: clientCertificateOf(request, this.certificates),
      },
      {
        issuer: this.settings.issuer,
        clients: this.settings.clients,
        security: this.settings.security,
        clock: this.settings.clock,
        replay: this.replay,
        mutualTls: this.mutualTls,
      },
    );
    const token = single(form, 'token');
    if (token === undefined || token === '') throw new InvalidRequestError('token is required');
    return { client, token, tokenTypeHint: single(form, 'token_type_hint') };
  }

  /** The presented token if it is one of ours and its record exists; otherwise undefined. */
  identify(request: TokenStatusRequest): Promise<PresentedToken | undefined> {
    return identifyToken(request.token, request.tokenTypeHint, this.records, (token) =>
      this.verifyAccessToken(token),
    );
  }

  /** Our own signature, issuer and type; the audience is whoever the token was issued for. */
  private verifyAccessToken(token: string): Promise<JwtClaims> {
    return verifyJwt(token, {
      keys: this.settings.signingKeys.verificationKeys(this.settings.clock),
      algorithms: this.settings.security.signingAlgorithms,
      typ: ACCESS_TOKEN_TYPE,
      clock: this.settings.clock,
      issuer: this.settings.issuer,
      requiredClaims: ['jti', 'exp', 'client_id'],
    }).then((verified) => verified.claims);
  }
}

function single(form: Readonly<Record<string, FormValue>>, name: string): string | undefined {
  const value = form[name];
  if (Array.isArray(value)) throw new InvalidRequestError(`${name} is repeated`);
  return value as string | undefined;
}
