// What a resource server asks before serving a verified token: has it, its grant or one of its
// consents been revoked since it was issued? Services keep an implementation current from
// TokenRevoked / GrantRevoked / ConsentRevoked events (revocation latency = event propagation).

export interface RevocationQuery {
  readonly jti: string;
  readonly grantId: string | undefined;
  readonly consentIds: readonly string[];
}

export interface RevocationDenylist {
  isRevoked(token: RevocationQuery): Promise<boolean>;
}

/**
 * For tests and the embedded runtime. An entry may be dropped once every token it could match has
 * expired, so callers pass that instant; without one the entry stays.
 */
export class InMemoryRevocationDenylist implements RevocationDenylist {
  private readonly tokens = new Map<string, number>();
  private readonly grants = new Map<string, number>();
  private readonly consents = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  revokeToken(jti: string, keepUntil = Number.POSITIVE_INFINITY): void {
    this.tokens.set(jti, keepUntil);
  }

  revokeGrant(grantId: string, keepUntil = Number.POSITIVE_INFINITY): void {
    this.grants.set(grantId, keepUntil);
  }

  revokeConsent(consentId: string, keepUntil = Number.POSITIVE_INFINITY): void {
    this.consents.set(consentId, keepUntil);
  }

  async isRevoked(token: RevocationQuery): Promise<boolean> {
    const now = this.clock();
    const listed = (entries: Map<string, number>, id: string | undefined) => {
      const until = id === undefined ? undefined : entries.get(id);
      return until !== undefined && until > now;
    };
    return (
      listed(this.tokens, token.jti) ||
      listed(this.grants, token.grantId) ||
      token.consentIds.some((id) => listed(this.consents, id))
    );
  }
}
