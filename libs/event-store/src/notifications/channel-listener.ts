// LISTEN on one of the schema's notification channels over a dedicated connection from the
// service's pool. When the connection breaks (PostgreSQL restarted, or a heartbeat unanswered), it
// says so, reconnects with backoff, and says when it listens again, so the owner can catch up on
// what it missed: the outbox relay polls, the revocation mirror reloads its table.
import type { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';

const RECONNECT_MAX_MS = 5000;

export interface ChannelListenerOptions {
  /** The channel's name for this schema, e.g. `grantline_outbox_<schema>` (at most 63 bytes). */
  channel(schema: string): string;
  /** A notification's payload ('' when the sender gave none). */
  onNotification(payload: string): void;
  /** Listening (again): whatever was notified while not listening is lost and must be caught up on. */
  onListening?(): void;
  /** No longer listening, until onListening: notifications may be missed meanwhile. */
  onLost?(): void;
  /**
   * Proves the connection alive this often, so a connection that died without a word (a network
   * partition, no reset) is noticed within about twice this, not when TCP finally gives up.
   */
  heartbeatMs?: number;
}

/** The listening connection, released to its pool exactly once whoever lets go of it first. */
interface Listening {
  client: PoolClient;
  channel?: string;
  release(destroy: boolean): void;
}

export class ChannelListener {
  private listening: Listening | undefined;
  private stopped = false;
  private reconnectDelayMs = 100;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ChannelListenerOptions,
  ) {}

  get isListening(): boolean {
    return this.listening !== undefined;
  }

  /** The channel it listens on (known once connected): where a sender must notify to reach it. */
  get channel(): string | undefined {
    return this.listening?.channel;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch(() => this.scheduleReconnect());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const listening = this.listening;
    this.listening = undefined;
    if (listening) {
      await listening.client.query('UNLISTEN *').catch(() => undefined);
      listening.release(false);
    }
  }

  private async connect(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    let released = false;
    // Once: a destroyed client may still report an error while it closes, after we reconnected.
    const lose = () => {
      if (released) return;
      listening.release(true);
      this.options.onLost?.();
      this.scheduleReconnect();
    };
    const onNotification = (message: { payload?: string }) =>
      this.options.onNotification(message.payload ?? '');
    const listening: Listening = {
      client,
      release: (destroy) => {
        if (released) return;
        released = true;
        clearInterval(this.heartbeatTimer);
        if (this.listening === listening) this.listening = undefined;
        client.removeListener('notification', onNotification);
        // Back in the pool the client has the pool's idle listener; a destroyed one keeps ours,
        // so a late error while it closes is still handled.
        if (!destroy) client.removeListener('error', lose);
        client.release(destroy);
      },
    };
    // A checked-out client has no pool listener: without this, a dropped connection is an
    // unhandled 'error' event that takes the process down.
    client.on('error', lose);
    client.on('notification', onNotification);
    try {
      const [{ schema }]: Array<{ schema: string }> = (
        await client.query('SELECT current_schema() AS schema')
      ).rows;
      listening.channel = this.options.channel(schema);
      await client.query(`LISTEN "${listening.channel}"`);
    } catch (error) {
      listening.release(true);
      throw error;
    }
    if (this.stopped) {
      listening.release(true);
      return;
    }
    this.listening = listening;
    this.reconnectDelayMs = 100;
    if (this.options.heartbeatMs) this.beat(listening, this.options.heartbeatMs, lose);
    this.options.onListening?.();
  }

  private beat(listening: Listening, everyMs: number, lose: () => void): void {
    this.heartbeatTimer = setInterval(() => {
      let timer: NodeJS.Timeout | undefined;
      const silence = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('heartbeat unanswered')), everyMs);
      });
      Promise.race([listening.client.query('SELECT 1'), silence])
        .catch(() => {
          if (this.listening === listening) lose();
        })
        .finally(() => clearTimeout(timer));
    }, everyMs);
    this.heartbeatTimer.unref();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch(() => this.scheduleReconnect());
    }, this.reconnectDelayMs);
    this.reconnectDelayMs = Math.min(RECONNECT_MAX_MS, this.reconnectDelayMs * 2);
  }
}
