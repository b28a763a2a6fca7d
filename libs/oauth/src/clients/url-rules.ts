// What makes a registered URL acceptable: absolute https, exact (no pattern, no fragment, no
// credentials), so a redirect can only reach the URL the TPP registered (PAR-6, RESP-2).

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why `value` is not an acceptable registered URL, or undefined when it is. */
export function urlProblem(value: string, allowLoopbackHttp: boolean): string | undefined {
  if (value.includes('#')) return 'must not contain a fragment';
  if (value.includes('*')) return 'must be an exact URL, not a pattern';
  if (/\s/.test(value)) return 'must not contain whitespace';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) {
    return allowLoopbackHttp
      ? undefined
      : 'must use https (http is allowed only for loopback hosts in development)';
  }
  return 'must use https';
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
