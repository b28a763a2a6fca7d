// What the masking policy can decide for one field (AUD-2). Each rule turns a raw value into what
// the audit log may keep; only `keep` stores the value as it came.
import { fingerprint, type MacKey, pseudonym } from '@grantline/crypto';

export const MASKING_RULES = ['keep', 'fingerprint', 'last4', 'redact', 'truncate-ip', 'pseudonym'] as const;
export type MaskingRule = (typeof MASKING_RULES)[number];

export const REDACTED = '[redacted]';

type Scalar = string | number | boolean | null;

/** Stable per key, so compliance finds every event of a subject by giving the raw id. */
export function subjectPseudonym(key: MacKey, subject: string): string {
  return pseudonym(key, 'subject', subject);
}

export function lastFour(value: Scalar): string {
  const text = String(value);
  return text.length <= 4
    ? '*'.repeat(text.length)
    : `${'*'.repeat(Math.min(8, text.length - 4))}${text.slice(-4)}`;
}

/** IPv4 keeps its /24 network, IPv6 its /48; anything else is not an address and is redacted. */
export function truncateIp(value: Scalar): string {
  const text = String(value);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(text);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (/^[0-9a-f:]+$/i.test(text) && text.includes(':')) {
    const groups = text.split('::')[0].split(':').filter(Boolean).slice(0, 3);
    return `${groups.join(':')}::/48`;
  }
  return REDACTED;
}

export function applyRule(rule: MaskingRule, value: Scalar, key: MacKey): Scalar {
  if (value === null) return null;
  switch (rule) {
    case 'keep':
      return value;
    case 'fingerprint':
      // Keyed, so that a fingerprint of a short value (a code, an account number) cannot be guessed back.
      return fingerprint(String(value), key);
    case 'last4':
      return lastFour(value);
    case 'redact':
      return REDACTED;
    case 'truncate-ip':
      return truncateIp(value);
    case 'pseudonym':
      return subjectPseudonym(key, String(value));
  }
}
