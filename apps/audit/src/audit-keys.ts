// The audit service's keys, from env or files: the masking key (AUD-2), the checkpoint signing key
// (AUD-1) and the compliance officers' public keys (AUD-3). A missing or bad key stops start-up
// with one line naming the variable; key material is never echoed.
import { readFileSync } from 'node:fs';
import {
  keySetFromJwks,
  MacKey,
  signingKeyRingFromJson,
  type SigningKey,
  systemClock,
  type VerificationKeys,
} from '@grantline/crypto';
import type { AuditConfig } from './audit.config';

export interface AuditKeys {
  masking: MacKey;
  checkpointSigner: SigningKey;
  complianceKeys: VerificationKeys;
}

export class AuditKeyError extends Error {}

type Source = { value?: string; file?: string; variable: string };

function read({ value, file, variable }: Source): string {
  if (value !== undefined && value.trim() !== '') return value;
  if (file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      throw new AuditKeyError(`${variable}_FILE: ${file} cannot be read`);
    }
  }
  throw new AuditKeyError(`${variable} or ${variable}_FILE is required`);
}

function parse<T>(variable: string, work: () => T, what: string): T {
  try {
    return work();
  } catch {
    throw new AuditKeyError(`${variable} must be ${what}`);
  }
}

export function loadAuditKeys(config: AuditConfig): AuditKeys {
  const maskingText = read({
    value: config.AUDIT_MASKING_KEY,
    file: config.AUDIT_MASKING_KEY_FILE,
    variable: 'AUDIT_MASKING_KEY',
  });
  const signingText = read({
    value: config.AUDIT_SIGNING_KEY,
    file: config.AUDIT_SIGNING_KEY_FILE,
    variable: 'AUDIT_SIGNING_KEY',
  });
  const complianceText = read({
    value: config.AUDIT_COMPLIANCE_JWKS,
    file: config.AUDIT_COMPLIANCE_JWKS_FILE,
    variable: 'AUDIT_COMPLIANCE_JWKS',
  });
  return {
    masking: parse(
      'AUDIT_MASKING_KEY',
      () => MacKey.fromBase64url(maskingText),
      'at least 32 bytes, base64url',
    ),
    checkpointSigner: parse(
      'AUDIT_SIGNING_KEY',
      () => signingKeyRingFromJson(signingText, 'AUDIT_SIGNING_KEY').signingKey(systemClock),
      'a private JWK (EdDSA, ES256 or PS256)',
    ),
    complianceKeys: parse(
      'AUDIT_COMPLIANCE_JWKS',
      () => keySetFromJwks(JSON.parse(complianceText)),
      'a JWKS of public keys',
    ),
  };
}
