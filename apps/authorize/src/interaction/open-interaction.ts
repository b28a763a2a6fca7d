// Every step after /authorize starts by finding the interaction and proving this browser owns it:
// the session cookie must be the one that started it (a leaked interaction URL is useless), it must
// still be open and within its lifetime. Failures are shown on our own page (RESP-2).
import { Inject, Injectable } from '@nestjs/common';
import { InvalidRequestError, type RegisteredClient } from '@grantline/oauth';
import { constantTimeEqual } from '@grantline/crypto';
import { type AuthorizationRequest, PushedRequests } from '../par/pushed-requests';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { type BrowserSession, BrowserSessions } from './browser-sessions';
import { INTERACTION_LIFETIME_SECONDS, type Interaction, Interactions } from './interactions';

export interface OpenInteraction {
  interaction: Interaction;
  request: AuthorizationRequest;
  client: RegisteredClient;
  session: BrowserSession;
}

const ownPage = { redirectable: false } as const;

@Injectable()
export class InteractionAccess {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    private readonly interactions: Interactions,
    private readonly sessions: BrowserSessions,
    private readonly pushed: PushedRequests,
  ) {}

  async open(interactionId: string, sessionToken: string | undefined): Promise<OpenInteraction> {
    // Both looked up at once: neither needs the other, and each is a round trip to the database.
    const [interaction, session] = await Promise.all([
      /^in-[A-Za-z0-9_-]{22}$/.test(interactionId) ? this.interactions.find(interactionId) : undefined,
      this.sessions.find(sessionToken),
    ]);
    if (!interaction || !session || session.fingerprint !== interaction.sessionFingerprint) {
      throw new InvalidRequestError(
        'this sign-in page belongs to another browser session or has ended',
        ownPage,
      );
    }
    if (interaction.status !== 'open')
      throw new InvalidRequestError('this authorization is already complete', ownPage);
    if (interaction.createdAt.getTime() + INTERACTION_LIFETIME_SECONDS * 1000 <= this.settings.clock()) {
      throw new InvalidRequestError('this authorization took too long and has expired', ownPage);
    }
    const pushed = await this.pushed.findByAuthorization(interaction.authorizationId);
    const client = pushed && (await this.settings.clients.find(pushed.request.clientId));
    if (!pushed || !client)
      throw new InvalidRequestError('this authorization is no longer available', ownPage);
    return { interaction, request: pushed.request, client, session };
  }

  /** UX-2: a POST must carry the interaction's CSRF token. */
  checkCsrf(open: OpenInteraction, token: unknown): void {
    if (typeof token !== 'string' || !constantTimeEqual(token, open.interaction.csrfToken)) {
      throw new InvalidRequestError('the form is out of date or was not sent by this page (CSRF)', ownPage);
    }
  }
}
