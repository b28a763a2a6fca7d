// This replica's memory of AUTH account-access consents, so an account request reads no event
// stream (G6: the balances hot path made three database round trips, one of them this). Sound
// because such a consent changes only in two ways, neither of which a cached copy can hide:
//  - revocation (CANC): ConsentStore writes the consent to the denylist in the revoking transaction,
//    so every replica's guard refuses its tokens before the consent is looked up; this replica also
//    forgets it when the transaction commits;
//  - expiry (EXPD): decided by time against the ExpirationDateTime the cached copy carries.
// Entries also lapse after a minute and the oldest go first beyond the size limit, so memory stays
// bounded and no copy outlives a mistake for long.
export interface CachedConsent {
  readonly consentId: string;
  readonly kind: string;
  readonly status: string;
}

export class AuthorisedConsentCache<T extends CachedConsent> {
  private readonly entries = new Map<string, { consent: T; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(consentId: string): T | undefined {
    const entry = this.entries.get(consentId);
    if (!entry) return undefined;
    if (entry.until <= this.clock()) {
      this.entries.delete(consentId);
      return undefined;
    }
    return entry.consent;
  }

  /** Keeps `consent` if it is an AUTH account-access consent; anything else may still change. */
  remember(consent: T): void {
    if (consent.kind !== 'account-access' || consent.status !== 'AUTH') return;
    this.entries.delete(consent.consentId);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(consent.consentId, { consent, until: this.clock() + this.ttlMs });
  }

  forget(consentId: string): void {
    this.entries.delete(consentId);
  }
}
