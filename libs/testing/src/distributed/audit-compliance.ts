// A compliance officer at the audit service's internal origin (AUD-1, AUD-3): a short-lived token
// signed with the officer's key, the records naming a consent (every page), the signed checkpoints,
// inclusion proofs and the service's own verification. The checks of what comes back are recomputed
// here, independently of apps/audit's code (audit-proof), so a test proves the service's proofs
// rather than reusing them.
import { randomId, signJwt, type SigningKey } from '@grantline/crypto';
import type { Reply } from './open-banking-tpp';

export interface AuditRecord {
  seq: number;
  ingestedAt: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- masked events are read field by field
  event: Record<string, any>;
  leafHash: string;
}

export interface Checkpoint {
  log: string;
  treeSize: number;
  rootHash: string;
  chainHash: string;
  issuedAt: string;
  signature: string;
}

export interface InclusionProof {
  seq: number;
  leafHash: string;
  treeSize: number;
  inclusionProof: string[];
  checkpoint: Checkpoint;
}

export class AuditCompliance {
  constructor(
    /** The audit service's own origin (serviceUrls.audit): the API is internal. */
    private readonly origin: string,
    private readonly officer: SigningKey,
    private readonly officerId = 'officer-journeys',
  ) {}

  private async token(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(this.officer, {
      sub: this.officerId,
      aud: 'grantline-audit',
      iat: now,
      exp: now + 300,
      jti: randomId(16),
    });
  }

  /** GET with the officer's token; the raw text too, so a test can scan all of it. */
  async get(path: string, query: Record<string, string> = {}): Promise<Reply & { text: string }> {
    const url = new URL(path, this.origin);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${await this.token()}` },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { unparsed: text.slice(0, 500) };
    }
    return { status: response.status, body, text };
  }

  private async ok(path: string, query: Record<string, string> = {}): Promise<Reply & { text: string }> {
    const reply = await this.get(path, query);
    if (reply.status !== 200) throw new Error(`audit ${path} ${reply.status}: ${reply.text.slice(0, 500)}`);
    return reply;
  }

  /** Every record the filters match, oldest first, following the cursor; and every page's raw text. */
  async records(filters: Record<string, string>): Promise<{ records: AuditRecord[]; text: string }> {
    const records: AuditRecord[] = [];
    const texts: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.ok('/audit/events', { ...filters, limit: '1000', ...(cursor && { cursor }) });
      records.push(...(page.body.records as AuditRecord[]));
      texts.push(page.text);
      cursor = page.body.nextCursor;
    } while (cursor);
    return { records, text: texts.join('\n') };
  }

  /** The newest signed checkpoint and the keys the service says sign them. */
  async latestCheckpoint(): Promise<{ checkpoint: Checkpoint | undefined; text: string }> {
    const reply = await this.ok('/audit/checkpoints', { limit: '1' });
    return { checkpoint: reply.body.checkpoints[0] as Checkpoint | undefined, text: reply.text };
  }

  async proof(seq: number, treeSize: number): Promise<InclusionProof> {
    return (await this.ok(`/audit/events/${seq}/proof`, { treeSize: String(treeSize) }))
      .body as InclusionProof;
  }

  /** GET /audit/verify: the service recomputes its whole log against its checkpoints. */
  async verify(): Promise<{ ok: boolean; records: number; [field: string]: unknown }> {
    return (await this.ok('/audit/verify')).body;
  }
}
