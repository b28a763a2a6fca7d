// The token endpoint's use case: run the checks for the grant type, mint the tokens, then record
// them and append their events in one transaction. For a code that transaction starts with the
// unique insert that makes it single use (CODE-2, consumeCodeOnce): the second redemption instead
// revokes everything the first issued and is refused.
import { Inject, Injectable } from '@nestjs/common';
import type { JtiReplayStore } from '@grantline/crypto';
import type { EventMetadata } from '@grantline/contracts';
import { ConcurrencyError, EventStore, type NewEvent } from '@grantline/event-store';
import { InvalidGrantError, type MutualTlsAuthenticator, mutualTlsAuthenticator } from '@grantline/oauth';
import { DataSource, type EntityManager } from 'typeorm';
import { type IssuedTokens, TokenRecords, TokenRevokedEvents, codeWasRedeemedBefore } from '../records';
import { TOKEN_SETTINGS, type TokenSettings } from '../settings/token-settings';
import { type MintedAccessToken, mintAccessToken, mintIdToken, mintRefreshToken } from './mint-tokens';
import type { TokenContext, TokenHttpRequest } from './token-context';
import { runTokenChecks } from './token.pipeline';
import { type TokenResponse, tokenResponse } from './token-response';
import { JTI_REPLAY_STORE } from '@grantline/platform';

@Injectable()
export class RequestTokens {
  /** RFC 8705 §2: tls_client_auth / self_signed_tls_client_auth against the presented certificate. */
  private readonly mutualTls: MutualTlsAuthenticator;

  constructor(
    @Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings,
    @Inject(JTI_REPLAY_STORE) private readonly replay: JtiReplayStore,
    private readonly records: TokenRecords,
    private readonly revokedEvents: TokenRevokedEvents,
    private readonly events: EventStore,
    private readonly dataSource: DataSource,
  ) {
    this.mutualTls = mutualTlsAuthenticator(settings.clientCertificates);
  }

  async handle(http: TokenHttpRequest, correlationId: string): Promise<TokenResponse> {
    const context = await runTokenChecks(http, {
      settings: this.settings,
      replay: this.replay,
      refreshTokens: this.records,
      mutualTls: this.mutualTls,
    });
    const metadata: EventMetadata = {
      correlationId,
      actor: { kind: 'tpp', id: clientIdOf(context) },
      clientId: clientIdOf(context),
    };
    switch (context.grantType) {
      case 'authorization_code':
        return this.redeemCode(context, metadata);
      case 'refresh_token':
        return this.refresh(context, metadata);
      default:
        return this.clientCredentials(context, metadata);
    }
  }

  private async redeemCode(context: TokenContext, metadata: EventMetadata): Promise<TokenResponse> {
    const { settings } = this;
    const code = context.code;
    const client = context.client;
    const sender = context.sender;
    if (!code || !client || !sender) throw new TypeError('code checks left the request incomplete');
    const access = await mintAccessToken(settings, {
      client,
      subject: code.sub,
      scopes: context.scopes,
      sender,
      grantId: code.grant_id,
      authorizationDetails: code.authorization_details,
    });
    const refresh = (client.metadata.grant_types ?? []).includes('refresh_token')
      ? mintRefreshToken()
      : undefined;
    const idToken = context.scopes.includes('openid') ? await mintIdToken(settings, client, code) : undefined;
    const issuedAt = access.issuedAt;
    const provenance = {
      clientId: client.clientId,
      subject: code.sub,
      grantId: code.grant_id,
      codeId: code.cid,
      consentIds: code.consent_ids,
      scopes: context.scopes,
      cnf: access.cnf,
      issuedAt,
    };
    const issued: IssuedTokens = {
      access: { ...provenance, jti: access.jti, refreshTokenId: refresh?.id, expiresAt: access.expiresAt },
      ...(refresh && {
        refresh: {
          ...provenance,
          id: refresh.id,
          token: refresh.token,
          accountIds: code.account_ids,
          authorizationDetails: code.authorization_details,
        },
      }),
    };
    const consents = consentsOf(code.consent_ids);
    const events: NewEvent[] = [
      {
        type: 'CodeRedeemed',
        data: { codeId: code.cid, clientId: client.clientId, grantId: code.grant_id, ...consents },
      },
      accessTokenIssued(access, context, 'authorization_code', code.sub, code.grant_id, code.consent_ids),
      ...(refresh
        ? [
            {
              type: 'RefreshTokenIssued',
              data: { tokenId: refresh.id, clientId: client.clientId, grantId: code.grant_id, ...consents },
            },
          ]
        : []),
    ];
    // CODE-2: the redemption's unique insert, the token records and the events in one statement.
    // A replay fails it whole: the code's row exists (or, racing the first redemption, the code
    // stream's next position is taken), and nothing of this attempt is written.
    try {
      await this.events.append(`code-${code.cid}`, 'any', events, metadata, {
        alongside: this.records.redeeming(code.cid, client.clientId, issued),
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) && !codeWasRedeemedBefore(error)) throw error;
      await this.dataSource.transaction((tx) =>
        this.revokeReusedCode(code.cid, client.clientId, code.grant_id, metadata, tx),
      );
      throw new InvalidGrantError('the authorization code was already used; its tokens are revoked (CODE-2)');
    }
    return tokenResponse(context, access, {
      refreshToken: refresh?.token,
      idToken,
      grantId: code.grant_id,
      authorizationDetails: code.authorization_details,
    });
  }

  /** CODE-2: the reuse is recorded and everything the first redemption issued is revoked. */
  private async revokeReusedCode(
    codeId: string,
    clientId: string,
    grantId: string,
    metadata: EventMetadata,
    tx: EntityManager,
  ): Promise<void> {
    const revoked = await this.records.revokeIssuedFromCode(codeId, 'code_reuse', tx);
    await this.events.append(
      `code-${codeId}`,
      'any',
      [{ type: 'CodeReuseDetected', data: { codeId, clientId, grantId } }],
      metadata,
      { transaction: tx },
    );
    await this.revokedEvents.append(revoked, metadata, tx);
  }

  /** TOK-3: a new access token on the refresh token's grant; the refresh token is not rotated. */
  private async refresh(context: TokenContext, metadata: EventMetadata): Promise<TokenResponse> {
    const record = context.refreshToken;
    const client = context.client;
    const sender = context.sender;
    if (!record || !client || !sender) throw new TypeError('refresh checks left the request incomplete');
    const subject = record.subject ?? client.clientId;
    const access = await mintAccessToken(this.settings, {
      client,
      subject,
      scopes: context.scopes,
      sender,
      grantId: record.grantId,
      authorizationDetails: record.authorizationDetails,
    });
    await this.events.append(
      `access-token-${access.jti}`,
      'no-stream',
      [accessTokenIssued(access, context, 'refresh_token', subject, record.grantId, record.consentIds)],
      metadata,
      {
        alongside: this.records.issuing({
          clientId: client.clientId,
          subject,
          grantId: record.grantId,
          codeId: record.codeId,
          consentIds: record.consentIds,
          scopes: context.scopes,
          cnf: access.cnf,
          issuedAt: access.issuedAt,
          jti: access.jti,
          refreshTokenId: record.id,
          expiresAt: access.expiresAt,
        }),
      },
    );
    return tokenResponse(context, access, {
      grantId: record.grantId,
      authorizationDetails: record.authorizationDetails,
    });
  }

  /** FLOW-2: a TPP-level token for the client itself; no refresh token, no grant. */
  private async clientCredentials(context: TokenContext, metadata: EventMetadata): Promise<TokenResponse> {
    const client = context.client;
    const sender = context.sender;
    if (!client || !sender) throw new TypeError('client_credentials checks left the request incomplete');
    const access = await mintAccessToken(this.settings, {
      client,
      subject: client.clientId,
      scopes: context.scopes,
      sender,
    });
    await this.events.append(
      `access-token-${access.jti}`,
      'no-stream',
      [accessTokenIssued(access, context, 'client_credentials', undefined, undefined)],
      metadata,
      {
        alongside: this.records.issuing({
          clientId: client.clientId,
          subject: client.clientId,
          scopes: context.scopes,
          cnf: access.cnf,
          issuedAt: access.issuedAt,
          jti: access.jti,
          expiresAt: access.expiresAt,
        }),
      },
    );
    return tokenResponse(context, access, {});
  }
}

function clientIdOf(context: TokenContext): string {
  if (!context.client) throw new TypeError('token checks left no client');
  return context.client.clientId;
}

function accessTokenIssued(
  access: MintedAccessToken,
  context: TokenContext,
  grantType: 'authorization_code' | 'refresh_token' | 'client_credentials',
  subject: string | undefined,
  grantId: string | undefined,
  consentIds?: readonly string[],
): NewEvent {
  return {
    type: 'AccessTokenIssued',
    data: {
      jti: access.jti,
      clientId: clientIdOf(context),
      ...(grantId && { grantId }),
      ...(subject && { subject }),
      grantType,
      senderConstraint: context.sender?.kind === 'mtls' ? 'mtls' : 'dpop',
      scopes: context.scopes,
      expiresAt: access.expiresAt.toISOString(),
      ...consentsOf(consentIds),
    },
  };
}

/** The consents a token serves, named in its events so the audit log finds them by consent (AUD-3). */
function consentsOf(consentIds: readonly string[] | undefined): { consentIds?: string[] } {
  return consentIds && consentIds.length > 0 ? { consentIds: [...consentIds] } : {};
}
