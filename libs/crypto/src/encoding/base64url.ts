// Strict base64url (RFC 7515 §2): the unpadded URL-safe alphabet only. Anything else (padding,
// whitespace, '+', '/') is refused, so one token has exactly one encoding.
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function encodeBase64url(bytes: Uint8Array | string): string {
  return (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)).toString('base64url');
}

/** Decodes strict base64url; returns undefined when the text is not canonical base64url. */
export function decodeBase64url(text: string): Buffer | undefined {
  return BASE64URL.test(text) ? decodeAlphabetChecked(text) : undefined;
}

/** decodeBase64url for text already known to use only the base64url alphabet. */
export function decodeAlphabetChecked(text: string): Buffer | undefined {
  // The last character's unused low bits must be zero (RFC 4648 §3.5), so two strings never decode
  // to the same bytes; a length of 1 mod 4 cannot come from any byte string.
  const rest = text.length % 4;
  if (rest === 1) return undefined;
  if (rest !== 0) {
    const unusedBits = rest === 2 ? 0b1111 : 0b11;
    if ((ALPHABET.indexOf(text[text.length - 1]) & unusedBits) !== 0) return undefined;
  }
  return Buffer.from(text, 'base64url');
}
