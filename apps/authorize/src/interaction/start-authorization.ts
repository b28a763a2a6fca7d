// GET /authorize?client_id&request_uri: only a request_uri this client pushed, unexpired and not yet
// used to complete an authorization, starts one (PAR-1, PAR-3, PAR-4). Every failure here concerns
// the client or its request, so it is shown on our own page and never redirected (RESP-2).
import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@grantline/event-store';
import { InvalidClientError, InvalidRequestError, InvalidRequestUriError } from '@grantline/oauth';
import { DataSource } from 'typeorm';
import { decideAndAppend } from '../authorization/authorization-stream';
import { PushedRequests } from '../par/pushed-requests';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { BrowserSessions } from './browser-sessions';
import { Interactions } from './interactions';

export interface AuthorizationEndpointRequest {
  clientId: unknown;
  requestUri: unknown;
  sessionToken?: string;
  correlationId: string;
}

export interface StartedAuthorization {
  interactionId: string;
  /** Set when a new browser session was opened: the caller sets the cookie. */
  newSessionToken?: string;
}

const notRedirectable = { redirectable: false } as const;

@Injectable()
export class StartAuthorization {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    private readonly pushed: PushedRequests,
    private readonly sessions: BrowserSessions,
    private readonly interactions: Interactions,
    private readonly events: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async handle(request: AuthorizationEndpointRequest): Promise<StartedAuthorization> {
    const { clientId, requestUri } = request;
    if (typeof requestUri !== 'string' || requestUri === '') {
      throw new InvalidRequestError('authorization requests must be pushed first (PAR-1)', notRedirectable);
    }
    if (typeof clientId !== 'string' || clientId === '') {
      throw new InvalidRequestError('client_id is required', notRedirectable);
    }
    if (!(await this.settings.clients.find(clientId))) throw new InvalidClientError('unknown client');
    const pushed = await this.pushed.find(requestUri);
    if (!pushed || pushed.request.clientId !== clientId) {
      // Another client's request_uri looks exactly like an unknown one (PAR-4).
      throw new InvalidRequestUriError('request_uri is unknown or was pushed by another client');
    }
    if (pushed.consumedAt) throw new InvalidRequestUriError('request_uri was already used (PAR-4)');
    if (pushed.expiresAt.getTime() <= this.settings.clock()) {
      throw new InvalidRequestUriError('request_uri has expired (PAR-3)');
    }
    const { authorizationId } = pushed.request;

    return this.dataSource.transaction(async (transaction) => {
      let session = await this.sessions.find(request.sessionToken);
      let newSessionToken: string | undefined;
      if (!session) {
        const created = await this.sessions.create(transaction);
        session = created.session;
        newSessionToken = created.token;
      }
      const existing = await this.interactions.ofAuthorization(transaction, authorizationId);
      if (existing && existing.sessionFingerprint !== session.fingerprint) {
        throw new InvalidRequestUriError('request_uri is already in use in another browser (PAR-4)');
      }
      await decideAndAppend(
        this.events,
        transaction,
        authorizationId,
        { kind: 'start', data: { authorizationId, clientId, consentIds: pushed.request.consentIds } },
        { correlationId: request.correlationId, actor: { kind: 'tpp', id: clientId }, clientId },
      );
      const interaction =
        existing ?? (await this.interactions.create(transaction, authorizationId, session.fingerprint));
      return { interactionId: interaction.interactionId, newSessionToken };
    });
  }
}
