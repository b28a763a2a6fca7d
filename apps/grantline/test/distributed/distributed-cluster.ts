// The distributed suites' shared set-up: one test database, the five services as separate processes
// over the run's Kafka broker behind the public origin, one TPP, and the reads a revocation test
// makes of what the services recorded (their own event tables).
import { prepareDemoCoreBank } from '@grantline/core-bank';
import {
  createTestDatabase,
  eventually,
  OpenBankingTpp,
  startDistributedGrantline,
  TestTpp,
  withDataSource,
  type DistributedGrantline,
  type TestDatabase,
} from '@grantline/testing';

export const alice = { username: 'alice', password: 'alice-demo-pass' };

export interface RecordedEvent {
  type: string;
  data: Record<string, unknown>;
}

export class DistributedCluster {
  readonly tpp = new TestTpp({ clientName: 'Distributed Budgeting App' });
  database!: TestDatabase;
  grantline!: DistributedGrantline;
  client!: OpenBankingTpp;

  async start(name: string, environment: Record<string, string> = {}): Promise<void> {
    const brokers = process.env['KAFKA_BROKERS'];
    if (!brokers) throw new Error('KAFKA_BROKERS is unset: run with jest.int.config.js (its global setup)');
    this.database = await createTestDatabase(name);
    await prepareDemoCoreBank(this.database.url);
    this.grantline = await startDistributedGrantline({
      databaseUrl: this.database.url,
      kafkaBrokers: brokers,
      tpps: [this.tpp],
      environment,
    });
    this.client = new OpenBankingTpp(this.tpp, this.grantline.publicUrl);
  }

  async stop(): Promise<void> {
    await this.grantline?.stop();
    await this.database?.drop();
  }

  /** Events of `types` a service recorded in its own schema. */
  async events(schema: string, types: readonly string[]): Promise<RecordedEvent[]> {
    return withDataSource(this.database.url, (admin) =>
      admin.query(`SELECT type, data FROM "${schema}".events WHERE type = ANY($1) ORDER BY global_position`, [
        types,
      ]),
    );
  }

  /** Waits until `schema` has recorded an event of `type` whose data matches `data`. */
  async recorded(schema: string, type: string, data: Record<string, unknown>): Promise<void> {
    await eventually(
      async () => {
        const events = await this.events(schema, [type]);
        expect(events.map((event) => event.data)).toContainEqual(expect.objectContaining(data));
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  /**
   * The revocation reached every service: the accounts API refuses the old access token (401), the
   * refresh token no longer refreshes (invalid_grant), and introspection says inactive.
   */
  async expectRevokedEverywhere(tokens: { accessToken: string; refreshToken: string }): Promise<void> {
    await eventually(async () => expect((await this.client.accounts(tokens.accessToken)).status).toBe(401), {
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    // Introspection first: it only reads. A refresh tried before the token service has the
    // revocation (it learns of a consent's over Kafka) would succeed and issue a token, which the
    // journeys' audit trails would then show.
    for (const token of [tokens.accessToken, tokens.refreshToken]) {
      await eventually(
        async () =>
          expect(await this.client.introspect(token)).toEqual({ status: 200, body: { active: false } }),
        { timeoutMs: 30_000, intervalMs: 100 },
      );
    }
    const refreshed = await this.client.refresh(tokens.refreshToken);
    expect(refreshed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  }

  /**
   * Before a revocation: the tokens work everywhere, so the test's later refusals mean something.
   * The consent service learns of the approval over Kafka, so its AUTH status may trail the token.
   */
  async expectWorking(tokens: { accessToken: string }): Promise<void> {
    await eventually(async () => expect((await this.client.accounts(tokens.accessToken)).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    expect(await this.client.introspect(tokens.accessToken)).toMatchObject({
      status: 200,
      body: { active: true, client_id: this.tpp.clientId },
    });
  }
}
