// Development keys for the embedded runtime, created once under <data dir>/audit and reused, so
// pseudonyms and checkpoints stay stable across restarts. The compliance officer's private key
// sits beside them for the CLI (`grantline-audit --key <data dir>/audit/compliance-officer.jwk.json`).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateSigningKey, randomId } from '@grantline/crypto';

function ensure(path: string, create: () => string): void {
  if (existsSync(path)) return;
  writeFileSync(path, create(), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function auditDevSettings(dataDir: string): Record<string, string> {
  const dir = resolve(dataDir, 'audit');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const masking = join(dir, 'masking.key');
  const signing = join(dir, 'checkpoint-signing.jwk.json');
  const officer = join(dir, 'compliance-officer.jwk.json');
  const officers = join(dir, 'compliance.jwks.json');
  ensure(masking, () => randomId(32));
  ensure(signing, () => JSON.stringify(generateSigningKey('EdDSA').privateJwk));
  ensure(officer, () => JSON.stringify(generateSigningKey('EdDSA').privateJwk));
  ensure(officers, () => {
    const { d: _private, ...publicJwk } = JSON.parse(readFileSync(officer, 'utf8')) as Record<string, string>;
    return JSON.stringify({ keys: [publicJwk] });
  });
  return {
    AUDIT_MASKING_KEY_FILE: masking,
    AUDIT_SIGNING_KEY_FILE: signing,
    AUDIT_COMPLIANCE_JWKS_FILE: officers,
  };
}
