// RFC 8705 §2.1.2: `tls_client_auth_subject_dn` is an RFC 4514 string, compared with the
// certificate's subject as names, not as text: attribute types by meaning (CN = 2.5.4.3), values
// case-insensitively with insignificant spaces folded (X.520 caseIgnoreMatch, simplified).
import { splitUnescaped, unescapeDnValue, type NameAttribute } from '@grantline/crypto';

type Rdns = readonly (readonly NameAttribute[])[];

/** Short names and OIDs that mean the same attribute type; keys are upper case. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  COMMONNAME: 'CN',
  '2.5.4.6': 'C',
  COUNTRYNAME: 'C',
  '2.5.4.7': 'L',
  LOCALITYNAME: 'L',
  '2.5.4.8': 'ST',
  S: 'ST',
  STATEORPROVINCENAME: 'ST',
  '2.5.4.10': 'O',
  ORGANIZATIONNAME: 'O',
  '2.5.4.11': 'OU',
  ORGANIZATIONALUNITNAME: 'OU',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.97': 'ORGANIZATIONIDENTIFIER',
  '0.9.2342.19200300.100.1.25': 'DC',
  DOMAINCOMPONENT: 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  USERID: 'UID',
  '1.2.840.113549.1.9.1': 'EMAILADDRESS',
  E: 'EMAILADDRESS',
  EMAIL: 'EMAILADDRESS',
};

function canonicalType(type: string): string {
  const upper = type
    .trim()
    .replace(/^OID\./i, '')
    .toUpperCase();
  return TYPE_ALIASES[upper] ?? upper;
}

function canonicalValue(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Parses an RFC 4514 string (least significant RDN first) into RDNs most significant first. */
export function parseDistinguishedName(dn: string): Rdns | undefined {
  if (dn.trim() === '') return [];
  const rdns: NameAttribute[][] = [];
  for (const rdn of splitUnescaped(dn, ',')) {
    const attributes: NameAttribute[] = [];
    for (const part of splitUnescaped(rdn, '+')) {
      const at = part.indexOf('=');
      if (at <= 0) return undefined;
      const raw = part.slice(at + 1).trim();
      // A `#hex` value is a BER encoding (RFC 4514 §2.4) we do not decode: never equal to text.
      if (raw.startsWith('#')) return undefined;
      attributes.push({ type: part.slice(0, at), value: unescapeDnValue(raw) });
    }
    rdns.push(attributes);
  }
  return rdns.reverse();
}

function rdnKey(rdn: readonly NameAttribute[]): string {
  return rdn
    .map((attribute) => `${canonicalType(attribute.type)}=${canonicalValue(attribute.value)}`)
    .sort()
    .join('+');
}

/** True when the registered RFC 4514 string names exactly the certificate's subject. */
export function subjectMatches(registeredDn: string, subject: Rdns): boolean {
  const registered = parseDistinguishedName(registeredDn);
  if (!registered || registered.length === 0 || registered.length !== subject.length) return false;
  return registered.every((rdn, index) => rdnKey(rdn) === rdnKey(subject[index]));
}

/** The subject as an RFC 4514 string (least significant first), for messages and records. */
export function formatDistinguishedName(subject: Rdns): string {
  const escape = (value: string) =>
    value
      .replace(/([,+"\\<>;=])/g, '\\$1')
      .replace(/^([ #])/, '\\$1')
      .replace(/ $/, '\\ ');
  return [...subject]
    .reverse()
    .map((rdn) => rdn.map((attribute) => `${attribute.type}=${escape(attribute.value)}`).join('+'))
    .join(',');
}
