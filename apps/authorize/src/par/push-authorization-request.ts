// The PAR use case: run the checks, then store the request and append ParRequestPushed in one
// statement, and hand the TPP its request_uri (PAR-3: it lives for the profile's lifetime).
import { Inject, Injectable } from '@nestjs/common';
import { fingerprint, randomId } from '@grantline/crypto';
import { InvalidRequestError } from '@grantline/oauth';
import { EventStore } from '@grantline/event-store';
import { streamOf } from '../authorization/authorization-stream';
import { ConsentIntents } from '../read-models/consent-intents';
import { GrantsReadModel } from '../read-models/grants';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import type { JtiReplayStore } from '@grantline/crypto';
import { type ParHttpRequest, parameter } from './par-context';
import { runParChecks } from './par.pipeline';
import { type AuthorizationRequest, PushedRequests, REQUEST_URI_PREFIX } from './pushed-requests';
import { JTI_REPLAY_STORE } from '@grantline/platform';

export interface PushedAuthorizationResponse {
  request_uri: string;
  expires_in: number;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE_TEXT = /\u0000|\p{Cs}/u;

/** PostgreSQL stores neither NUL nor half a surrogate pair, in text or jsonb: such a request is malformed. */
function holdsUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value];
  for (let item = pending.pop(); pending.length > 0 || item !== undefined; item = pending.pop()) {
    if (typeof item === 'string' && UNSTORABLE_TEXT.test(item)) return true;
    if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (UNSTORABLE_TEXT.test(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

@Injectable()
export class PushAuthorizationRequest {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    @Inject(JTI_REPLAY_STORE) private readonly replay: JtiReplayStore,
    private readonly consents: ConsentIntents,
    private readonly grants: GrantsReadModel,
    private readonly pushed: PushedRequests,
    private readonly events: EventStore,
  ) {}

  async handle(http: ParHttpRequest, correlationId: string): Promise<PushedAuthorizationResponse> {
    const { settings } = this;
    const context = await runParChecks(http, {
      settings,
      replay: this.replay,
      consents: this.consents,
      grants: this.grants,
    });
    const { client, redirectUri, codeChallenge } = context;
    // The pipeline's checks guarantee these; a missing one is a programming error, not bad input.
    if (!client || !redirectUri || !codeChallenge)
      throw new TypeError('PAR checks left the request incomplete');
    const request: AuthorizationRequest = {
      authorizationId: `az-${randomId(16)}`,
      clientId: client.clientId,
      redirectUri,
      state: parameter(context, 'state'),
      nonce: parameter(context, 'nonce'),
      scopes: context.scopes,
      authorizationDetails: context.authorizationDetails,
      consentIds: context.consentIds,
      codeChallenge,
      dpopJkt: context.dpopJkt,
      responseMode: context.responseMode,
      grantManagementAction: context.grantManagementAction,
      grantId: context.grantId,
    };
    if (holdsUnstorableText(request)) {
      throw new InvalidRequestError('a parameter holds a NUL character or an unpaired surrogate');
    }
    const lifetime = settings.security.parRequestUriLifetimeSeconds;
    const expiresAt = new Date(settings.clock() + lifetime * 1000);
    const requestUri = `${REQUEST_URI_PREFIX}${randomId(32)}`;
    await this.events.append(
      streamOf(request.authorizationId),
      'no-stream',
      [
        {
          type: 'ParRequestPushed',
          data: {
            authorizationId: request.authorizationId,
            clientId: request.clientId,
            redirectUri: request.redirectUri,
            scopes: request.scopes,
            authorizationDetails: request.authorizationDetails,
            consentIds: request.consentIds,
            ...(request.grantManagementAction && { grantManagementAction: request.grantManagementAction }),
            ...(request.grantId && { grantId: request.grantId }),
            responseMode: request.responseMode,
            ...(request.dpopJkt && { dpopJkt: request.dpopJkt }),
            requestUriFingerprint: fingerprint(requestUri),
            ...(context.requestObjectFingerprint && {
              requestObjectFingerprint: context.requestObjectFingerprint,
            }),
            expiresAt: expiresAt.toISOString(),
            // The token service spends the same jti: the assertion is single-use everywhere (CLI-2).
            ...(context.spentAssertion && {
              clientAssertionJtiSha256: context.spentAssertion.jtiSha256,
              clientAssertionExpiresAt: new Date(context.spentAssertion.expiresAt).toISOString(),
            }),
          },
        },
      ],
      { correlationId, actor: { kind: 'tpp', id: client.clientId }, clientId: client.clientId },
      { alongside: this.pushed.storing(requestUri, { request, expiresAt }) },
    );
    return { request_uri: requestUri, expires_in: lifetime };
  }
}
