// The demo TPP's redirect URI (`/demo-tpp/callback` on the public origin), so a developer who signs
// in through the demo client lands on a page instead of a 404. It only tells what came back: that a
// code arrived (never its value: it is a credential the TPP exchanges at /token), or the OAuth error.
// Everything shown is escaped by eta; the page has no script and its CSP allows its own style only.
import { sha256 } from '@grantline/crypto';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';

export const DEMO_TPP_CALLBACK_PATH = '/demo-tpp/callback';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b2330}' +
  'p.lead{color:#4a5568}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}' +
  'dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}code{background:#f1f5f9;padding:.1rem .3rem}';

const STYLE_HASH = `'sha256-${sha256(STYLE).toString('base64')}'`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title><%= it.title %> · Grantline Demo TPP</title>
<style><%~ it.style %></style>
</head>
<body>
<h1><%= it.title %></h1>
<% if (it.outcome === 'code') { %>
<p class="lead">The bank sent an authorization code back to the Grantline Demo TPP. The TPP exchanges it
at the token endpoint (with its client assertion, PKCE verifier and DPoP proof); the code is not shown here.</p>
<% } else if (it.outcome === 'jarm') { %>
<p class="lead">The bank sent a signed authorization response (JARM). The TPP verifies it and exchanges
the code it holds at the token endpoint; its contents are not shown here.</p>
<% } else if (it.outcome === 'error') { %>
<p class="lead" role="alert">The authorization did not complete.</p>
<% } else { %>
<p class="lead" role="alert">This address receives authorization responses; this request carries none.</p>
<% } %>
<% if (it.details.length > 0) { %>
<dl>
<% it.details.forEach(function (detail) { %><dt><%= detail.name %></dt><dd><code><%= detail.value %></code></dd>
<% }) %>
</dl>
<% } %>
<p>You can close this page and return to the app.</p>
</body>
</html>
`;

const eta = new Eta({ autoEscape: true, autoTrim: false });
eta.loadTemplate('@callback', PAGE);

type Outcome = 'code' | 'jarm' | 'error' | 'none';

interface CallbackPage {
  status: number;
  outcome: Outcome;
  title: string;
  details: Array<{ name: string; value: string }>;
}

/** One value of a query parameter; a repeated or absent one is `undefined`. */
function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? value.slice(0, 500) : undefined;
}

export function describeAuthorizationResponse(query: Record<string, unknown>): CallbackPage {
  const shown = (names: string[]) =>
    names.flatMap((name) => {
      const value = single(query, name);
      return value === undefined ? [] : [{ name, value }];
    });
  if (single(query, 'error') !== undefined) {
    return {
      status: 200,
      outcome: 'error',
      title: 'Authorization not completed',
      details: shown(['error', 'error_description', 'state', 'iss']),
    };
  }
  if (single(query, 'code') !== undefined) {
    return {
      status: 200,
      outcome: 'code',
      title: 'Authorization completed',
      details: shown(['state', 'iss']),
    };
  }
  if (single(query, 'response') !== undefined) {
    return { status: 200, outcome: 'jarm', title: 'Authorization response received', details: [] };
  }
  return { status: 400, outcome: 'none', title: 'No authorization response', details: [] };
}

export function renderCallbackPage(page: CallbackPage): string {
  return eta.render('@callback', { ...page, style: STYLE });
}

export function registerDemoTppCallback(gateway: FastifyInstance): void {
  gateway.get(DEMO_TPP_CALLBACK_PATH, async (request, reply) => {
    const page = describeAuthorizationResponse(request.query as Record<string, unknown>);
    return reply
      .status(page.status)
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        // The URL holds the code: no Referer may carry it anywhere.
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      })
      .send(renderCallbackPage(page));
  });
}
