// The relay's statements. Lanes are claimed with SKIP LOCKED, least recently claimed first, so
// relays on one outbox take different lanes and every lane gets its turn.

// $1 lanes to claim, $2 batch size. One statement claims the lanes (least recently claimed first,
// SKIP LOCKED, their claim time touched) and the publishable rows of those lanes. A row is
// publishable when its time has come and no earlier row of its lane is waiting for a retry
// (per-stream order). Every row carries how many lanes were claimed, so the relay knows whether
// more lanes may be waiting.
export const CLAIM_SQL = `
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
), lanes AS (
  SELECT count(*)::int AS claimed FROM touched
)
SELECT o.id, o.lane, o.event_id, o.stream_id, o.topic, o.envelope::text AS value, o.attempts,
       lanes.claimed AS lanes_claimed
FROM outbox o CROSS JOIN lanes
WHERE o.lane IN (SELECT lane FROM touched)
  AND o.next_attempt_at <= now()
  AND NOT EXISTS (
    SELECT 1 FROM outbox earlier
    WHERE earlier.attempts > 0 AND earlier.lane = o.lane AND earlier.id < o.id
      AND earlier.next_attempt_at > now())
ORDER BY o.id
LIMIT $2
FOR UPDATE OF o SKIP LOCKED`;

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
