// LISTEN on the schema's outbox channel over one dedicated connection from the service's pool.
// When the connection breaks (PostgreSQL restarted), it reconnects with backoff; the relay's
// polling covers the gap, so a lost notification only costs latency.
import type { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';

const RECONNECT_MAX_MS = 5000;

export class OutboxListener {
  private client: PoolClient | undefined;
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
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query('UNLISTEN *').catch(() => undefined);
      client.release();
    }
  }

  private async connect(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      client.release(true);
    };
    // A checked-out client has no pool listener: without this, a dropped connection is an
    // unhandled 'error' event that takes the process down.
    client.on('error', () => {
      drop();
      this.scheduleReconnect();
    });
    client.on('notification', () => this.onNotification());
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
    this.client = client;
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
