// DPoP `htu` comparison (RFC 9449 §4.3 step 9): the request URI without query and fragment, after
// RFC 3986 §6.2.2/§6.2.3 normalisation: scheme and host lower-cased, default port removed, empty
// path as "/", percent-encodings upper-cased and unreserved ones decoded, dot-segments resolved.

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Normalised `scheme://host[:port]/path`, or undefined for a URL we cannot compare. */
export function normaliseHttpUri(value: string, { allowQuery }: { allowQuery: boolean }): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  // WHATWG drops a bare "?" or "#"; the raw text still shows it was there.
  if (!allowQuery && (url.search !== '' || url.hash !== '' || /[?#]/.test(value))) return undefined;
  const path = url.pathname.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * True when the proof's `htu` names the request URL. The proof's `htu` must carry no query or
 * fragment at all; the request URL's own query is ignored.
 */
export function htuMatches(htu: string, requestUrl: string): boolean {
  const claimed = normaliseHttpUri(htu, { allowQuery: false });
  const actual = normaliseHttpUri(requestUrl, { allowQuery: true });
  return claimed !== undefined && claimed === actual;
}
