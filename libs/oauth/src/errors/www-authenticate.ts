// The DPoP challenge a protected resource answers with (RFC 9449 §7.1, RFC 6750 §3). Only DPoP is
// offered: bearer presentations are never accepted (SC-1), so announcing `Bearer` would mislead.

/** What a resource server tells the client about how to retry. */
export interface DpopChallenge {
  /** The JWS algorithms accepted for DPoP proofs (the `algs` parameter). */
  readonly algs: readonly string[];
  /** Scopes the resource needs; sent with `insufficient_scope`. */
  readonly scope?: string;
  readonly realm?: string;
  /**
   * RFC 6750 §3.1: a request that carried no credentials at all gets a challenge without an
   * error code, so the client learns the scheme without being told something went wrong.
   */
  readonly omitError?: boolean;
}

/**
 * RFC 6749 §5.2 and RFC 6750 §3 restrict error_description (and scope) to printable ASCII without
 * `"` and `\`; anything else would break the quoted-string or let a value forge parameters.
 */
export function safeParameterValue(value: string, maxLength = 256): string {
  const printable = value
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/[^\x20-\x7e]/g, ' ');
  return printable.length > maxLength ? `${printable.slice(0, maxLength - 3)}...` : printable;
}

export function renderDpopChallenge(
  challenge: DpopChallenge,
  error?: { code: string; description?: string | undefined },
): string {
  const parameters: string[] = [];
  if (challenge.realm !== undefined) parameters.push(`realm="${safeParameterValue(challenge.realm)}"`);
  if (error && !challenge.omitError) {
    parameters.push(`error="${safeParameterValue(error.code)}"`);
    if (error.description) parameters.push(`error_description="${safeParameterValue(error.description)}"`);
  }
  if (challenge.scope !== undefined) parameters.push(`scope="${safeParameterValue(challenge.scope, 1024)}"`);
  parameters.push(`algs="${challenge.algs.map((alg) => safeParameterValue(alg)).join(' ')}"`);
  return `DPoP ${parameters.join(', ')}`;
}
