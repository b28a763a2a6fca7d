// LISTEN on the schema's outbox channel over one dedicated connection from the service's pool.
// When the connection breaks (PostgreSQL restarted), it reconnects with backoff; the relay's
// polling covers the gap, so a lost notification only costs latency.
import type { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';

const RECONNECT_MAX_MS = 5000;

/** The listening connection, released to its pool exactly once whoever lets go of it first. */
interface Listening {
  client: PoolClient;
  release(destroy: boolean): void;
}

export class OutboxListener {
  private listening: Listening | undefined;
  private stopped = false;
  private reconnectDelayMs = 100;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onNotification: () => void,
  ) {}

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
    const onError = () => {
      listening.release(true);
      this.scheduleReconnect();
    };
    const onNotification = () => this.onNotification();
    let released = false;
    const listening: Listening = {
      client,
      release: (destroy) => {
        if (released) return;
        released = true;
        if (this.listening === listening) this.listening = undefined;
        client.removeListener('notification', onNotification);
        // Back in the pool the client has the pool's idle listener; a destroyed one keeps ours,
        // so a late error while it closes is still handled.
        if (!destroy) client.removeListener('error', onError);
        client.release(destroy);
      },
    };
    const drop = () => listening.release(true);
    // A checked-out client has no pool listener: without this, a dropped connection is an
    // unhandled 'error' event that takes the process down.
    client.on('error', onError);
    client.on('notification', onNotification);
    try {
      const [{ schema }]: Array<{ schema: string }> = (
        await client.query('SELECT current_schema() AS schema')
      ).rows;
      await client.query(`LISTEN "grantline_outbox_${schema}"`);
    } catch (error) {
      drop();
      throw error;
    }
    if (this.stopped) {
      drop();
      return;
    }
    this.listening = listening;
    this.reconnectDelayMs = 100;
    // Whatever was appended while we were not listening is picked up by a cycle now.
    this.onNotification();
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
