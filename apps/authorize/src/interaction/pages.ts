// Server-rendered pages with eta (auto-escaped), and the headers that protect them (UX-2): a strict
// CSP without any script, no framing, no caching, no referrer. form-action names the one redirect
// URI a decision may lead to, since browsers apply it to the redirect after the POST.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';

const views = join(__dirname, '..', 'views');
const eta = new Eta({ views, autoEscape: true, autoTrim: false, cache: true });
export const PAGES_CSS = readFileSync(join(views, 'pages.css'), 'utf8');

export interface PageSecurity {
  /** Origins forms may post to (or be redirected to) besides our own. */
  formTargets?: readonly string[];
  /** Origins images may come from (the client's registered logo). */
  imageOrigins?: readonly string[];
}

export function contentSecurityPolicy(security: PageSecurity = {}): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    ["img-src 'self'", ...(security.imageOrigins ?? [])].join(' '),
    ["form-action 'self'", ...(security.formTargets ?? [])].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

export function sendPage(
  reply: FastifyReply,
  status: number,
  view: 'login' | 'consent' | 'error' | 'access',
  data: object,
  security: PageSecurity = {},
): FastifyReply {
  return reply
    .status(status)
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(security),
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    })
    .send(eta.render(view, data));
}
