// The audit service's settings. Its three keys come from env or files (never from code); the
// embedded runtime generates dev keys under its data directory (see audit-dev-keys.ts).
import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IntegerFromEnv, ServiceConfig } from '@grantline/platform';

const CERT_SUBJECTS_MESSAGE =
  'AUDIT_COMPLIANCE_CERT_SUBJECTS must be a JSON array of RFC 4514 subject names, e.g. ["CN=Olivia,O=Bank,C=GB"]';

/** Subject names contain commas, so the list is JSON; what is not a JSON list fails validation. */
function jsonListOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return [];
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export class AuditConfig extends ServiceConfig {
  override PORT = 8081;

  /** Keyed fingerprints and subject pseudonyms (AUD-2): ≥ 32 random bytes, base64url. */
  @IsOptional() @IsString({ message: 'AUDIT_MASKING_KEY must be base64url text' }) AUDIT_MASKING_KEY?: string;
  @IsOptional()
  @IsString({ message: 'AUDIT_MASKING_KEY_FILE must be a file path' })
  AUDIT_MASKING_KEY_FILE?: string;

  /** Signs checkpoints (AUD-1): a private JWK, or a JWKS newest first for rotation (EdDSA, ES256, PS256). */
  @IsOptional()
  @IsString({ message: 'AUDIT_SIGNING_KEY must be a private JWK as JSON' })
  AUDIT_SIGNING_KEY?: string;
  @IsOptional()
  @IsString({ message: 'AUDIT_SIGNING_KEY_FILE must be a file path' })
  AUDIT_SIGNING_KEY_FILE?: string;

  /** Public JWKs of retired checkpoint signing keys (a JWKS): checkpoints they signed still verify. */
  @IsOptional()
  @IsString({ message: 'AUDIT_RETIRED_CHECKPOINT_KEYS must be a JWKS as JSON' })
  AUDIT_RETIRED_CHECKPOINT_KEYS?: string;
  @IsOptional()
  @IsString({ message: 'AUDIT_RETIRED_CHECKPOINT_KEYS_FILE must be a file path' })
  AUDIT_RETIRED_CHECKPOINT_KEYS_FILE?: string;

  /** Public keys of compliance officers' tokens (AUD-3): a JWKS as JSON. */
  @IsOptional()
  @IsString({ message: 'AUDIT_COMPLIANCE_JWKS must be a JWKS as JSON' })
  AUDIT_COMPLIANCE_JWKS?: string;
  @IsOptional()
  @IsString({ message: 'AUDIT_COMPLIANCE_JWKS_FILE must be a file path' })
  AUDIT_COMPLIANCE_JWKS_FILE?: string;

  /**
   * Compliance officers who may sign in with a client certificate instead of a token (AUD-3): their
   * certificates' subjects (RFC 4514) as a JSON array, issued by a CA in TLS_CLIENT_CA_FILE.
   */
  @Transform(({ value }: { value: unknown }) => jsonListOf(value))
  @IsArray({ message: CERT_SUBJECTS_MESSAGE })
  @IsString({ each: true, message: CERT_SUBJECTS_MESSAGE })
  @Length(1, 500, { each: true, message: CERT_SUBJECTS_MESSAGE })
  AUDIT_COMPLIANCE_CERT_SUBJECTS: string[] = [];

  /** How often a signed checkpoint is issued when new records arrived. */
  @IntegerFromEnv()
  @IsInt({ message: 'AUDIT_CHECKPOINT_INTERVAL_MS must be an integer between 100 and 3600000' })
  @Min(100, { message: 'AUDIT_CHECKPOINT_INTERVAL_MS must be an integer between 100 and 3600000' })
  @Max(3_600_000, { message: 'AUDIT_CHECKPOINT_INTERVAL_MS must be an integer between 100 and 3600000' })
  AUDIT_CHECKPOINT_INTERVAL_MS = 10_000;

  /**
   * How many whole months of records `main.js retain` keeps besides the current one; older monthly
   * partitions are dropped. Unset: retain refuses to run, and the log keeps everything.
   */
  @IsOptional()
  @IntegerFromEnv()
  @IsInt({ message: 'AUDIT_RETENTION_MONTHS must be an integer between 1 and 1200' })
  @Min(1, { message: 'AUDIT_RETENTION_MONTHS must be an integer between 1 and 1200' })
  @Max(1200, { message: 'AUDIT_RETENTION_MONTHS must be an integer between 1 and 1200' })
  AUDIT_RETENTION_MONTHS?: number;
}
