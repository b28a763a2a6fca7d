// The PSU self-service page on the issuer's origin (UX-1 "how to revoke later"): GET shows the
// sign-in form or the PSU's connected apps; the POSTs sign in, withdraw a grant and sign out, each
// with the page's CSRF token. Pages and errors as on the authorization pages (UX-2: strict CSP, no
// framing, no script).
import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { randomId } from '@grantline/crypto';
import { requestIdentity } from '@grantline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BrowserSessions } from '../interaction/browser-sessions';
import { HtmlErrorFilter } from '../interaction/html-error.filter';
import { originOf, sendPage } from '../interaction/pages';
import { SELF_SERVICE_PATH } from '../settings/authorize-settings';
import { AccessOverview } from './access-overview';
import { RevokeAccess } from './revoke-access';
import { type SelfServiceVisit, SelfServiceVisits } from './self-service-visit';

type Form = Record<string, string | string[] | undefined>;

const formOf = (request: FastifyRequest): Form =>
  typeof request.body === 'object' && request.body !== null ? (request.body as Form) : {};
const correlationOf = (request: FastifyRequest) =>
  requestIdentity(request.raw)?.interactionId ?? randomId(16);

@Controller()
@UseFilters(HtmlErrorFilter)
export class SelfServiceController {
  constructor(
    private readonly visits: SelfServiceVisits,
    private readonly sessions: BrowserSessions,
    private readonly overview: AccessOverview,
    private readonly revoke: RevokeAccess,
  ) {}

  @Get(SELF_SERVICE_PATH)
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const visit = await this.visits.arrive(this.sessions.tokenFrom(request.headers.cookie));
    if (visit.newSessionToken) reply.header('set-cookie', this.sessions.cookie(visit.newSessionToken));
    await this.render(visit, reply);
  }

  @Post(`${SELF_SERVICE_PATH}/login`)
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { visit, form } = await this.posted(request);
    const outcome = await this.visits.signIn(
      visit,
      form['username'],
      form['password'],
      correlationOf(request),
    );
    if ('failure' in outcome) return this.render(visit, reply, outcome.failure);
    reply
      .status(303)
      .header('set-cookie', this.sessions.cookie(outcome.sessionToken))
      .header('location', SELF_SERVICE_PATH)
      .send();
  }

  @Post(`${SELF_SERVICE_PATH}/revoke`)
  async withdraw(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { visit, form } = await this.posted(request);
    if (!visit.session.psuId) return this.render(visit, reply);
    await this.revoke.handle(visit.session.psuId, form['grant_id'], correlationOf(request));
    reply.status(303).header('location', SELF_SERVICE_PATH).send();
  }

  @Post(`${SELF_SERVICE_PATH}/sign-out`)
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { visit } = await this.posted(request);
    await this.visits.signOut(visit);
    reply
      .status(303)
      .header('set-cookie', this.sessions.clearingCookie())
      .header('location', SELF_SERVICE_PATH)
      .send();
  }

  private async posted(request: FastifyRequest): Promise<{ visit: SelfServiceVisit; form: Form }> {
    const form = formOf(request);
    const visit = await this.visits.posted(
      this.sessions.tokenFrom(request.headers.cookie),
      form['csrf_token'],
    );
    return { visit, form };
  }

  private async render(visit: SelfServiceVisit, reply: FastifyReply, loginError?: string): Promise<void> {
    const { psuId } = visit.session;
    if (!psuId) {
      sendPage(reply, loginError ? 401 : 200, 'login', {
        error: loginError,
        csrfToken: visit.csrfToken,
        action: `${SELF_SERVICE_PATH}/login`,
      });
      return;
    }
    const grants = await this.overview.of(psuId);
    sendPage(
      reply,
      200,
      'access',
      { grants, csrfToken: visit.csrfToken, base: SELF_SERVICE_PATH },
      { imageOrigins: [...new Set(grants.flatMap((grant) => originOf(grant.client.logoUri)))] },
    );
  }
}
