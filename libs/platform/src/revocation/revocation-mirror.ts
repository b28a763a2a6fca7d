// Each replica's copy of its denylist table in memory, so a resource request asks no database
// whether its token was revoked (G6: the balances hot path made three round trips, one of them
// this). It is current because every insert is announced on the schema's channel as it commits
// (NotifyRevokedCredentials) and the mirror listens: first LISTEN, then load the table, so no
// revocation falls between the two. Whenever it may have missed one (not listening yet, the
// connection lost or silent past its heartbeat, a reload pending or failed, the table too large)
// it answers nothing and the table answers instead: a stale mirror never lets a revoked token in.
// The connection being alive is not enough (behind a transaction-pooling PgBouncer, LISTEN answers
// and nothing is ever delivered), so the mirror also notifies itself through the pool every
// heartbeat: a probe that has not come back by the next one makes it stop answering, and the next
// probe that does come back makes it reload the table.
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hostname } from 'node:os';
import { ChannelListener } from '@grantline/event-store';
import { revocationChannel } from './revoked-credentials-notify.migration';

/** What the guard asks about a verified token (oauth's RevocationQuery, by shape). */
export interface RevokedCredentialQuery {
  readonly jti: string;
  readonly grantId: string | undefined;
  readonly consentIds: readonly string[];
}

export interface RevocationMirrorOptions {
  /** How often the listening connection proves itself alive (default 2 s). */
  heartbeatMs?: number;
  /** Beyond this many entries the mirror gives up and the table answers (default 1,000,000). */
  maxEntries?: number;
  /** Wait before reloading after a failed load (default 1 s). */
  reloadRetryMs?: number;
}

/** Nest provider token for RevocationMirrorOptions (tests shorten the heartbeat). */
export const REVOCATION_MIRROR_OPTIONS = Symbol('grantline.revocation-mirror-options');

interface RevokedRow {
  kind: string;
  id: string;
  expires_at: Date | string | null;
}

let mirrorsCreated = 0;

@Injectable()
export class RevocationMirror implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationMirror.name);
  /** Revoked access tokens by jti, with when each stops mattering (its `exp`; Infinity if unknown). */
  private readonly tokens = new Map<string, number>();
  private readonly grants = new Set<string>();
  private readonly consents = new Set<string>();
  private readonly listener: ChannelListener;
  private readonly options: Required<RevocationMirrorOptions>;
  private current = false;
  private tooLarge = false;
  /** Bumped by every loss and reload, so only the latest reload may declare the mirror current. */
  private generation = 0;
  private loading: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private probesSent = 0;
  private probesReturned = 0;
  private probeLost = false;
  /** Every replica listens on the channel: probes name their sender (pod, process, mirror). */
  private readonly probeSender = `${hostname()}/${process.pid}/${performance.timeOrigin}/${++mirrorsCreated}`;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(REVOCATION_MIRROR_OPTIONS) options: RevocationMirrorOptions = {},
  ) {
    this.options = { heartbeatMs: 2000, maxEntries: 1_000_000, reloadRetryMs: 1000, ...options };
    this.listener = new ChannelListener(dataSource, {
      channel: revocationChannel,
      onNotification: (payload) => this.apply(payload),
      onListening: () => this.reload(),
      onLost: () => this.forgetCurrency(),
      heartbeatMs: this.options.heartbeatMs,
    });
  }

  /** Whether `query` names a revoked credential; undefined when only the table can say. */
  answer(query: RevokedCredentialQuery): boolean | undefined {
    if (!this.current) return undefined;
    return (
      this.tokens.has(query.jti) ||
      (query.grantId !== undefined && this.grants.has(query.grantId)) ||
      query.consentIds.some((id) => this.consents.has(id))
    );
  }

  get isCurrent(): boolean {
    return this.current;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopped = false;
    await this.listener.start();
    await this.loading;
    this.probeTimer = setInterval(() => this.probe(), this.options.heartbeatMs);
    this.probeTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.probeTimer);
    this.forgetCurrency();
    await this.listener.stop();
    await this.loading;
  }

  /** Drops tokens that expired before `before` (the denylist sweep's margin), as the table does. */
  forgetTokensExpiredBefore(before: Date): void {
    const cutoff = before.getTime();
    for (const [jti, expiresAt] of this.tokens) if (expiresAt < cutoff) this.tokens.delete(jti);
    if (this.tooLarge && this.listener.isListening) this.reload();
  }

  private get size(): number {
    return this.tokens.size + this.grants.size + this.consents.size;
  }

  private forgetCurrency(): void {
    this.current = false;
    this.generation += 1;
  }

  /** Has the last probe come back? Then send the next through the pool, as any revocation comes. */
  private probe(): void {
    if (this.probesReturned < this.probesSent && !this.probeLost) {
      this.probeLost = true;
      this.forgetCurrency();
      this.logger.warn('a revocation notification did not arrive in time: the table answers until one does');
    }
    // To the very channel the listener is on: a probe proves that channel, not a recomputed name.
    const channel = this.listener.channel;
    if (channel === undefined) return;
    const probe = ++this.probesSent;
    this.dataSource
      .query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ probe, from: this.probeSender })])
      .catch(() => undefined);
  }

  private probeReturned(probe: number): void {
    this.probesReturned = Math.max(this.probesReturned, probe);
    if (!this.probeLost || this.probesReturned < this.probesSent) return;
    this.probeLost = false;
    if (this.listener.isListening) this.reload();
  }

  private apply(payload: string): void {
    let revoked: Partial<{ kind: string; id: string; expiresAt: string | null; probe: number; from: string }>;
    try {
      revoked = JSON.parse(payload);
    } catch {
      revoked = {};
    }
    if (typeof revoked.probe === 'number') {
      if (revoked.from === this.probeSender) this.probeReturned(revoked.probe);
      return;
    }
    if (typeof revoked.kind !== 'string' || typeof revoked.id !== 'string') {
      this.reload();
      return;
    }
    if (this.tooLarge) return;
    this.add({ kind: revoked.kind, id: revoked.id, expires_at: revoked.expiresAt ?? null });
    if (this.size > this.options.maxEntries) this.giveUp();
  }

  private add(row: RevokedRow): void {
    if (row.kind === 'token') {
      const expiresAt =
        row.expires_at === null ? Number.POSITIVE_INFINITY : new Date(row.expires_at).getTime();
      this.tokens.set(row.id, Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt);
    } else if (row.kind === 'grant') {
      this.grants.add(row.id);
    } else if (row.kind === 'consent') {
      this.consents.add(row.id);
    }
  }

  /** Loads the whole table on top of what is known (entries only ever leave by expiry). */
  private reload(): void {
    clearTimeout(this.retryTimer);
    this.forgetCurrency();
    const generation = this.generation;
    this.loading = this.load(generation).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'loading the denylist failed; the table answers until a reload works');
      this.retryTimer = setTimeout(() => {
        if (!this.stopped && this.listener.isListening && generation === this.generation) this.reload();
      }, this.options.reloadRetryMs);
      this.retryTimer.unref();
    });
  }

  private async load(generation: number): Promise<void> {
    const rows: RevokedRow[] = await this.dataSource.query(
      'SELECT kind, id, expires_at FROM revoked_credentials LIMIT $1',
      [this.options.maxEntries + 1],
    );
    if (generation !== this.generation || this.stopped) return;
    if (rows.length > this.options.maxEntries) {
      this.giveUp();
      return;
    }
    this.tooLarge = false;
    for (const row of rows) this.add(row);
    if (this.size > this.options.maxEntries) {
      this.giveUp();
      return;
    }
    if (this.listener.isListening && !this.probeLost) this.current = true;
  }

  /** Too many entries to hold: free them and let the table answer until the sweep thins it. */
  private giveUp(): void {
    if (!this.tooLarge) {
      this.logger.warn(
        `the denylist has over ${this.options.maxEntries} entries: every request asks the table instead`,
      );
    }
    this.tooLarge = true;
    this.forgetCurrency();
    this.tokens.clear();
    this.grants.clear();
    this.consents.clear();
  }
}
