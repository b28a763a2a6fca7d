// The steps both journeys share once a consent exists: PAR naming it in authorization_details, the
// PSU at the bank, the redirect back (code, state and iss checked), the code redeemed for DPoP-bound
// tokens. Also the few helpers the journeys use to read answers and wait for the bank's events.
import { ResponseBodyError } from 'openid-client';
import { DemoStopped } from './demo-tpp-file';
import type { FapiClient, HeldToken, ResourceReply } from './fapi-client';
import { describeToken, type Narration } from './narration';
import { approveInChromium, CallbackListener, openForPerson } from './psu-step';

export interface PsuChoice {
  username: string;
  password: string;
  auto: boolean;
  waitSeconds: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks again until `done` says yes or `seconds` pass: the platform is event-driven, so what one
 * service learned (a new consent, the PSU's approval) reaches the next a moment later.
 */
export async function eventually<T>(
  ask: () => Promise<T>,
  done: (answer: T) => boolean,
  seconds = 20,
): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const answer = await ask();
      if (done(answer) || Date.now() > until) return answer;
    } catch (error) {
      if (Date.now() > until) throw error;
    }
    await pause(250);
  }
}

/** An OB or OAuth error body in one line. */
export function whyRefused(reply: ResourceReply): string {
  const body = reply.body;
  const ob = Array.isArray(body?.Errors) ? body.Errors[0] : undefined;
  if (ob) return `${String(ob.ErrorCode)}: ${String(ob.Message ?? '')}`.trim();
  if (typeof body?.error === 'string')
    return `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`;
  if (typeof body?.challenge === 'string') return body.challenge;
  return body === undefined ? 'no body' : JSON.stringify(body).slice(0, 300);
}

/** The reply if it has the status wanted; otherwise a clear stop naming the call. */
export function expectStatus(reply: ResourceReply, status: number, what: string): ResourceReply {
  if (reply.status !== status)
    throw new DemoStopped(`${what} answered ${reply.status} (${whyRefused(reply)})`);
  return reply;
}

async function pushAuthorizationRequest(
  client: FapiClient,
  redirectUri: string,
  scope: string,
  consent: Record<string, unknown>,
): Promise<URL> {
  // authorize learns of a new consent from its ConsentCreated event: a PAR right after the
  // consent's creation may find it unknown for a moment.
  try {
    return await eventually(
      () => client.pushAuthorizationRequest({ redirectUri, scope, authorizationDetails: [consent] }),
      () => true,
      10,
    );
  } catch (error) {
    if (error instanceof ResponseBodyError)
      throw new DemoStopped(
        `PAR refused: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`,
      );
    throw error;
  }
}

/** PAR → PSU → callback → token; returns the PSU's token. */
export async function authorizeConsent(
  client: FapiClient,
  say: Narration,
  request: { redirectUri: string; scope: string; consent: Record<string, unknown> },
  psu: PsuChoice,
): Promise<HeldToken> {
  say.step(`Push the authorization request (PAR, PKCE S256, private_key_jwt, DPoP key bound)`);
  const listener = await CallbackListener.listen(request.redirectUri);
  try {
    const url = await pushAuthorizationRequest(client, request.redirectUri, request.scope, request.consent);
    say.detail(`authorization_details: ${JSON.stringify([request.consent])}`);
    say.detail(`request_uri received; the authorization URL carries only client_id and request_uri`);

    say.step(
      psu.auto
        ? `The PSU (${psu.username}) approves, in headless Chromium`
        : 'The PSU approves, in a browser',
    );
    say.detail(`waiting for the bank's redirect to ${request.redirectUri}`);
    if (psu.auto) {
      await approveInChromium(url, psu, say);
    } else {
      openForPerson(url, say);
    }
    const callback = await listener.within(psu.auto ? 30 : psu.waitSeconds);

    say.step('The bank redirected back to the TPP');
    const error = callback.searchParams.get('error');
    say.detail(
      error
        ? `the redirect carries error=${error}`
        : `the redirect carries a code (not shown), state and iss=${callback.searchParams.get('iss') ?? '(none)'}`,
    );
    const token = await client.redeem(callback);
    say.detail('openid-client checked state and iss (RFC 9207) against the request it pushed');

    say.step('Redeem the code at the token endpoint (PKCE verifier, client assertion, DPoP proof)');
    say.detail(describeToken(token.facts()));
    return token;
  } finally {
    await listener.close();
  }
}
