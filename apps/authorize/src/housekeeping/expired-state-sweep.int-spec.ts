// The sweep deletes authorize state nobody can read any more, and nothing that is still live.
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';
import { ExpiredStateSweep, FAILED_LOGIN_MEMORY_SECONDS } from './expired-state-sweep';

describe('the sweep of expired authorize state', () => {
  let authorize: AuthorizeHarness;
  const now = new Date('2030-01-01T12:00:00Z');
  const at = (secondsFromNow: number) => new Date(now.getTime() + secondsFromNow * 1000);

  beforeAll(async () => {
    authorize = await startAuthorize();
  });

  afterAll(async () => {
    await authorize?.close();
  });

  const keys = async (table: string, column: string): Promise<string[]> => {
    const rows: Array<Record<string, string>> = await authorize.dataSource.query(
      `SELECT ${column} AS key FROM ${table} ORDER BY 1`,
    );
    return rows.map((row) => row['key']);
  };

  it('keeps what can still be read and deletes what cannot', async () => {
    const db = authorize.dataSource;
    const pushed = (key: string, expiresAt: Date) =>
      db.query(
        `INSERT INTO pushed_requests (request_uri_fingerprint, authorization_id, client_id, request, expires_at)
         VALUES ($1, $1, 'client', '{}', $2)`,
        [key, expiresAt],
      );
    // Expired a minute ago: an interaction started just before expiry may still read it.
    await pushed('pr-recent', at(-60));
    await pushed('pr-live', at(30));
    await pushed('pr-old', at(-3600));
    const interaction = (key: string, createdAt: Date) =>
      db.query(
        `INSERT INTO interactions (interaction_id, authorization_id, session_fingerprint, csrf_token, status, created_at)
         VALUES ($1, $1, 's', 'c', 'open', $2)`,
        [key, createdAt],
      );
    await interaction('in-open', at(-300));
    await interaction('in-old', at(-3600));
    const session = (key: string, expiresAt: Date) =>
      db.query('INSERT INTO psu_sessions (session_fingerprint, expires_at) VALUES ($1, $2)', [
        key,
        expiresAt,
      ]);
    await session('ps-live', at(600));
    await session('ps-old', at(-3600));
    const failures = (key: string, lastFailureAt: Date, lockedUntil: Date | null) =>
      db.query(
        `INSERT INTO login_failures (username_fingerprint, failures, locked_until, last_failure_at)
         VALUES ($1, 2, $2, $3)`,
        [key, lockedUntil, lastFailureAt],
      );
    await failures('lf-today', at(-60), null);
    await failures('lf-forgotten', at(-FAILED_LOGIN_MEMORY_SECONDS - 60), null);
    await failures('lf-still-locked', at(-FAILED_LOGIN_MEMORY_SECONDS - 60), at(3600));

    const result = await authorize.app.get(ExpiredStateSweep).sweep(now);

    expect(result).toEqual({ pushedRequests: 1, interactions: 1, psuSessions: 1, loginFailures: 1 });
    expect(await keys('pushed_requests', 'request_uri_fingerprint')).toEqual(['pr-live', 'pr-recent']);
    expect(await keys('interactions', 'interaction_id')).toEqual(['in-open']);
    expect(await keys('psu_sessions', 'session_fingerprint')).toEqual(['ps-live']);
    expect(await keys('login_failures', 'username_fingerprint')).toEqual(['lf-still-locked', 'lf-today']);
  });
});
