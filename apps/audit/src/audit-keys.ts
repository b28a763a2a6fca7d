// The audit service's keys, from env or files: the masking key (AUD-2), the checkpoint signing keys
// with the retired ones' public halves (AUD-1) and the compliance officers' public keys (AUD-3). A missing or bad key stops start-up
// with one line naming the variable; key material is never echoed.
import { readFileSync } from 'node:fs';
import {
  importJwks,
  jwkThumbprint,
  keySetFromJwks,
  MacKey,
  type PublicJwk,
  signingKeyRingFromJson,
  systemClock,
  type VerificationKeys,
} from '@grantline/crypto';
import type { AuditConfig } from './audit.config';
import { CheckpointKeys } from './tamper-evidence/checkpoint-keys';

export interface AuditKeys {
  masking: MacKey;
  checkpointKeys: CheckpointKeys;
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
    checkpointKeys: new CheckpointKeys(
      parse(
        'AUDIT_SIGNING_KEY',
        () => {
          const ring = signingKeyRingFromJson(signingText, 'AUDIT_SIGNING_KEY');
          ring.signingKey(systemClock); // one key must be able to sign now
          return ring;
        },
        'a private JWK or a JWKS of private keys (EdDSA, ES256 or PS256), one of them active now',
      ),
      retiredCheckpointKeys(config),
      systemClock,
    ),
    complianceKeys: parse(
      'AUDIT_COMPLIANCE_JWKS',
      () => keySetFromJwks(JSON.parse(complianceText)),
      'a JWKS of public keys',
    ),
  };
}

/** Public halves of checkpoint keys no longer held (optional): old checkpoints still verify. */
function retiredCheckpointKeys(config: AuditConfig): PublicJwk[] {
  const variable = 'AUDIT_RETIRED_CHECKPOINT_KEYS';
  if (!config.AUDIT_RETIRED_CHECKPOINT_KEYS?.trim() && !config.AUDIT_RETIRED_CHECKPOINT_KEYS_FILE) return [];
  const text = read({
    value: config.AUDIT_RETIRED_CHECKPOINT_KEYS,
    file: config.AUDIT_RETIRED_CHECKPOINT_KEYS_FILE,
    variable,
  });
  return parse(
    variable,
    () => {
      const jwks = JSON.parse(text) as { keys: PublicJwk[] };
      importJwks(jwks); // public keys only: a private member is refused
      return jwks.keys.map((jwk) => ({ ...jwk, kid: jwk.kid ?? jwkThumbprint(jwk) }));
    },
    'a JWKS of public keys',
  );
}
