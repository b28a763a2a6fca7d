// The browser-facing endpoints: /authorize starts an authorization, /interaction/{id} shows the
// sign-in or consent page, and its POSTs sign the PSU in and record the decision. Thin: parse,
// call the use case, answer with a page or a 303.
import { Controller, Get, Header, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { CORE_BANK, type CoreBank } from '@grantline/core-bank';
import { randomId } from '@grantline/crypto';
import { EventStore, stateFrom } from '@grantline/event-store';
import { requestIdentity } from '@grantline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorizationDecider } from '../authorization/authorization.decider';
import { streamOf } from '../authorization/authorization-stream';
import { DecideAuthorization } from '../authorization/decide-authorization';
import { ConsentIntents } from '../read-models/consent-intents';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { BrowserSessions } from './browser-sessions';
import { consentPageModel } from './consent-page';
import { HtmlErrorFilter } from './html-error.filter';
import { InteractionAccess, type OpenInteraction } from './open-interaction';
import { PAGES_CSS, originOf, sendPage } from './pages';
import { SignInPsu } from './sign-in-psu';
import { StartAuthorization } from './start-authorization';
import { AuthorizationEndpointDocs } from '../par/authorization-endpoints.openapi';

type Form = Record<string, string | string[] | undefined>;

const formOf = (request: FastifyRequest): Form =>
  typeof request.body === 'object' && request.body !== null ? (request.body as Form) : {};
const correlationOf = (request: FastifyRequest) =>
  requestIdentity(request.raw)?.interactionId ?? randomId(16);

@Controller()
@UseFilters(HtmlErrorFilter)
export class InteractionController {
  constructor(
    private readonly start: StartAuthorization,
    private readonly access: InteractionAccess,
    private readonly signIn: SignInPsu,
    private readonly decide: DecideAuthorization,
    private readonly sessions: BrowserSessions,
    private readonly consents: ConsentIntents,
    private readonly events: EventStore,
    @Inject(CORE_BANK) private readonly coreBank: CoreBank,
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
  ) {}

  @Get('authorize')
  @AuthorizationEndpointDocs()
  async authorize(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const started = await this.start.handle({
      clientId: query['client_id'],
      requestUri: query['request_uri'],
      sessionToken: this.sessions.tokenFrom(request.headers.cookie),
      correlationId: correlationOf(request),
    });
    if (started.newSessionToken) reply.header('set-cookie', this.sessions.cookie(started.newSessionToken));
    reply.status(303).header('location', `/interaction/${started.interactionId}`).send();
  }

  @Get('interaction/assets/pages.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  styles(): string {
    return PAGES_CSS;
  }

  @Get('interaction/:id')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const open = await this.access.open(id, this.sessions.tokenFrom(request.headers.cookie));
    await this.render(open, reply);
  }

  @Post('interaction/:id/login')
  async login(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { open, form } = await this.openPosted(id, request);
    const outcome = await this.signIn.handle(
      open,
      form['username'],
      form['password'],
      correlationOf(request),
    );
    if (outcome.signedIn) {
      reply
        .status(303)
        .header('set-cookie', this.sessions.cookie(outcome.sessionToken))
        .header('location', `/interaction/${id}`)
        .send();
      return;
    }
    await this.render(open, reply, outcome.message);
  }

  @Post('interaction/:id/consent')
  async consent(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { open, form } = await this.openPosted(id, request);
    const accounts = ([] as string[]).concat(form['account'] ?? []);
    const location =
      form['decision'] === 'approve'
        ? await this.decide.approve(open, accounts, correlationOf(request))
        : await this.decide.deny(open, correlationOf(request));
    reply.status(303).header('location', location).send();
  }

  /** A POST to the interaction: this browser's, still open, and carrying its CSRF token (UX-2). */
  private async openPosted(
    id: string,
    request: FastifyRequest,
  ): Promise<{ open: OpenInteraction; form: Form }> {
    const open = await this.access.open(id, this.sessions.tokenFrom(request.headers.cookie));
    const form = formOf(request);
    this.access.checkCsrf(open, form['csrf_token']);
    return { open, form };
  }

  /** The login page until the PSU signed in for this authorization, then the consent page (UX-1). */
  private async render(open: OpenInteraction, reply: FastifyReply, loginError?: string): Promise<void> {
    const { events } = await this.events.readStream(streamOf(open.request.authorizationId));
    const signedIn = stateFrom(authorizationDecider, events).status === 'authenticated';
    const base = `/interaction/${open.interaction.interactionId}`;
    const clientName = open.client.metadata.client_name ?? open.client.clientId;
    if (!signedIn || !open.session.psuId) {
      sendPage(reply, loginError ? 401 : 200, 'login', {
        clientName,
        error: loginError,
        csrfToken: open.interaction.csrfToken,
        action: `${base}/login`,
      });
      return;
    }
    const consents = await this.consents.findEach(open.request.consentIds);
    const accounts = await this.coreBank.accountsOf(open.session.psuId);
    const model = consentPageModel(open.client, open.request, consents, accounts);
    sendPage(
      reply,
      200,
      'consent',
      {
        ...model,
        csrfToken: open.interaction.csrfToken,
        action: `${base}/consent`,
        selfServiceUrl: this.settings.endpoints.selfService,
      },
      { formTargets: originOf(open.request.redirectUri), imageOrigins: originOf(model.client.logoUri) },
    );
  }
}
