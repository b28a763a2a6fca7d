// Strict base64url (RFC 7515 §2): the unpadded URL-safe alphabet only. Anything else (padding,
// whitespace, '+', '/') is refused, so one token has exactly one encoding.
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function encodeBase64url(bytes: Uint8Array | string): string {
  return (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)).toString('base64url');
}

/** Decodes strict base64url; returns undefined when the text is not canonical base64url. */
export function decodeBase64url(text: string): Buffer | undefined {
  // A length of 1 mod 4 cannot come from any byte string.
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // Reject non-zero trailing bits, so two strings never decode to the same bytes.
  return bytes.toString('base64url') === text ? bytes : undefined;
}

export function isBase64url(text: string): boolean {
  return BASE64URL.test(text);
}
