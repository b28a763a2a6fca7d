// The relay's statements. Lanes are claimed with SKIP LOCKED, least recently claimed first, so
// relays on one outbox take different lanes and every lane gets its turn.

// $1 lanes to claim
export const CLAIM_LANES_SQL = `
WITH claimed AS (
  SELECT lane FROM outbox_lanes l
  WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.lane = l.lane AND o.next_attempt_at <= now())
  ORDER BY claimed_at
  LIMIT $1
  FOR UPDATE SKIP LOCKED
), touched AS (
  UPDATE outbox_lanes SET claimed_at = clock_timestamp() FROM claimed
  WHERE outbox_lanes.lane = claimed.lane
  RETURNING outbox_lanes.lane
)
SELECT lane FROM touched`;

// $1 claimed lanes, $2 batch size. A row is publishable when its time has come and no earlier row
// of its lane is waiting for a retry (per-stream order).
export const CLAIM_ROWS_SQL = `
SELECT id, lane, event_id, stream_id, topic, envelope::text AS value, attempts
FROM outbox o
WHERE o.lane = ANY($1::smallint[])
  AND o.next_attempt_at <= now()
  AND NOT EXISTS (
    SELECT 1 FROM outbox earlier
    WHERE earlier.attempts > 0 AND earlier.lane = o.lane AND earlier.id < o.id
      AND earlier.next_attempt_at > now())
ORDER BY id
LIMIT $2
FOR UPDATE SKIP LOCKED`;

export const DELETE_PUBLISHED_SQL = 'DELETE FROM outbox WHERE id = ANY($1::bigint[])';

// $1 id, $2 delay in ms, $3 error
export const RETRY_LATER_SQL = `
UPDATE outbox SET attempts = attempts + 1,
                  next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
                  last_error = $3
WHERE id = $1`;

// $1 id, $2 error
export const DEAD_LETTER_SQL = `
WITH moved AS (DELETE FROM outbox WHERE id = $1 RETURNING *)
INSERT INTO outbox_dead_letters (id, event_id, stream_id, topic, envelope, attempts, last_error, created_at)
SELECT id, event_id, stream_id, topic, envelope, attempts + 1, $2, created_at FROM moved`;
