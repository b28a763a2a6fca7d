// Access tokens a resource server has verified, kept by their exact text so the next request with
// the same token skips the signature check (G6: a TPP presents one token for many requests, and the
// ES256 verification was a tenth of each one's cost). Only the signature, issuer, audience, type
// and claim shapes are remembered: time is checked again on every use, and a token past its `exp`
// is verified afresh so it fails as it would have. An entry lives at most a minute, so a key the
// issuer withdrew from its JWKS stops verifying about as soon as the JWKS cache would notice, and
// the oldest entries go first beyond the size limit.
import type { UnconfirmedToken } from './access-token';

interface Entry {
  readonly token: UnconfirmedToken;
  readonly nbf: number | undefined;
  readonly until: number;
}

export class VerifiedAccessTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeSeconds = 60,
  ) {}

  /** The verified token if `text` was verified before and is still within its times at `now`. */
  find(text: string, now: number, toleranceSeconds: number): UnconfirmedToken | undefined {
    const entry = this.entries.get(text);
    if (!entry) return undefined;
    const timely =
      entry.until > now &&
      entry.token.exp > now - toleranceSeconds &&
      (entry.nbf === undefined || entry.nbf <= now + toleranceSeconds);
    if (timely) return entry.token;
    this.entries.delete(text);
    return undefined;
  }

  remember(text: string, token: UnconfirmedToken, nbf: number | undefined, now: number): void {
    this.entries.delete(text);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(text, { token, nbf, until: now + this.maxAgeSeconds });
  }
}
