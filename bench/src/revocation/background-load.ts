// The traffic a revocation has to get through: TPPs reading accounts and balances with their own
// (never revoked) tokens, and refreshing them, all through the public origin, while the bench
// revokes other grants. Closed loops; counts what was answered and how.
import type { AuthorizedTokens, OpenBankingTpp } from '@grantline/testing';
import { OPEN_BANKING } from '@grantline/testing';

export interface BackgroundCounts {
  reads: number;
  /** Sum of the answered reads' latencies: their mean is what one resource request costs now. */
  readMs: number;
  refreshes: number;
  failures: number;
  firstFailure?: string;
}

export class BackgroundLoad {
  readonly counts: BackgroundCounts = { reads: 0, readMs: 0, refreshes: 0, failures: 0 };
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly client: OpenBankingTpp,
    private readonly holders: AuthorizedTokens[],
  ) {}

  /** `readers` loops of accounts/balances reads, and one loop of refreshes per holder given. */
  start(readers: number, account: string): void {
    this.running = true;
    for (let i = 0; i < readers; i++) {
      const holder = this.holders[i % this.holders.length];
      this.loops.push(
        this.readLoop(holder, i % 2 === 0 ? '/aisp/accounts' : `/aisp/accounts/${account}/balances`),
      );
    }
    this.loops.push(this.refreshLoop());
  }

  async stop(): Promise<BackgroundCounts> {
    this.running = false;
    await Promise.all(this.loops);
    return this.counts;
  }

  private fail(what: string): void {
    this.counts.failures++;
    this.counts.firstFailure ??= what;
  }

  private async readLoop(holder: AuthorizedTokens, path: string): Promise<void> {
    while (this.running) {
      try {
        const started = performance.now();
        const reply = await this.client.call('GET', `${OPEN_BANKING}${path}`, holder.accessToken);
        if (reply.status === 200) {
          this.counts.reads++;
          this.counts.readMs += performance.now() - started;
        } else this.fail(`GET ${path}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
      } catch (error) {
        this.fail(`GET ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Refreshes each holder in turn; the new access token replaces the old one for the readers. */
  private async refreshLoop(): Promise<void> {
    for (let i = 0; this.running; i++) {
      const holder = this.holders[i % this.holders.length];
      try {
        const reply = await this.client.refresh(holder.refreshToken);
        if (reply.status !== 200) {
          this.fail(`refresh: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
          continue;
        }
        this.counts.refreshes++;
        holder.accessToken = String(reply.body.access_token);
        if (reply.body.refresh_token) holder.refreshToken = String(reply.body.refresh_token);
      } catch (error) {
        this.fail(`refresh: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
