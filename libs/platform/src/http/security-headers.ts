// The security headers every response starts with (UX-2): helmet's, for Grantline's policy. The
// policy is the same for every request, so helmet works the headers out once, here, instead of
// per request (as @fastify/helmet does: it builds a new helmet middleware, CSP string included, for
// every request). A page that needs another CSP sets its own after these.
import helmet, { type HelmetOptions } from 'helmet';

export const SECURITY_POLICY: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' },
};

/** The headers helmet sets for `policy`, by lower-case name. */
export function helmetHeaders(policy: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader: () => undefined,
  };
  let failure: unknown;
  helmet(policy as HelmetOptions)(
    { headers: {}, method: 'GET', url: '/' } as never,
    recorder as never,
    (error?: unknown) => {
      failure = error;
    },
  );
  if (failure) throw failure;
  if (!headers['content-security-policy']) throw new Error('helmet set no headers synchronously');
  return Object.freeze(headers);
}

export const SECURITY_HEADERS = helmetHeaders(SECURITY_POLICY);
