// Where a revocation's time goes, from what the services recorded (one PostgreSQL clock, and this
// machine's wall clock for the client's side):
//   appended   grants.events.recorded_at of GrantRevoked (the DELETE's transaction start)
//   denied     consent.revoked_credentials.revoked_at (the consumer's transaction start: the event
//              has come through the outbox relay, the producer, the broker and the fetch)
//   answered   the 204, and refused: the first 401, both as the client saw them.
// Segments: appended → denied (relay + Kafka + consumer pick-up), denied → refused (the consumer's
// commit, then the next poll's round trip), and 204 → refused (the figure).
import { DataSource } from 'typeorm';
import { percentile } from '../report';

export interface ClientTimes {
  grantId: string;
  /** Wall-clock ms (Date.now()) when the 204 and the first 401 arrived. */
  answeredAt: number;
  refusedAt: number;
}

export interface Segment {
  name: string;
  p50: number;
  p99: number;
}

export async function breakdown(databaseUrl: string, times: readonly ClientTimes[]): Promise<Segment[]> {
  const database = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 1 } });
  await database.initialize();
  try {
    const appended = new Map<string, number>(
      (
        await database.query(
          `SELECT data->>'grantId' AS id, recorded_at AS at FROM grants.events WHERE type = 'GrantRevoked'`,
        )
      ).map((row: { id: string; at: Date }) => [row.id, row.at.getTime()]),
    );
    const denied = new Map<string, number>(
      (
        await database.query(
          `SELECT id, revoked_at AS at FROM consent.revoked_credentials WHERE kind = 'grant'`,
        )
      ).map((row: { id: string; at: Date }) => [row.id, row.at.getTime()]),
    );
    const segments: Record<string, number[]> = {
      'appended → denylisted (relay, Kafka, consumer pick-up)': [],
      'denylisted → first 401 at the client (commit, poll)': [],
      '204 at the client → appended (negative: the append precedes the answer)': [],
    };
    const [delivery, refusal, answer] = Object.values(segments);
    for (const time of times) {
      const a = appended.get(time.grantId);
      const d = denied.get(time.grantId);
      if (a === undefined || d === undefined) continue;
      delivery.push(d - a);
      refusal.push(time.refusedAt - d);
      answer.push(a - time.answeredAt);
    }
    return Object.entries(segments).map(([name, sample]) => ({
      name,
      p50: percentile(sample, 50),
      p99: percentile(sample, 99),
    }));
  } finally {
    await database.destroy();
  }
}
