// The envelope check every consumer runs on every message, written out by hand. It applies the
// rules EventEnvelopeSchema declares (the schema stays the documented contract, and a differential
// test holds the two together), using class-validator's own predicates for the fiddly ones (UUID,
// ISO 8601, string length), without class-transformer's deep copy of the payload: the generic
// route cost tens of microseconds per event on every consumer, the audit ingest most of all.
import { isISO8601, isIn, isUUID, length } from 'class-validator';
import { ACTOR_KINDS, EVENT_TYPE_NAME, STREAM_ID, type EventEnvelope } from './event-envelope';

const MAX_SCHEMA_VERSION = 1000;
const MAX_ID_LENGTH = 200;

/** Why `raw` is not an envelope, or undefined when it is one. */
export function envelopeProblem(raw: Record<string, unknown>): string | undefined {
  const { id, type, schemaVersion, streamId, streamPosition, occurredAt, correlationId, causationId } = raw;
  if (!isUUID(id)) return 'id must be a UUID';
  if (typeof type !== 'string' || !EVENT_TYPE_NAME.test(type)) return 'type is not an event type name';
  if (!isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > MAX_SCHEMA_VERSION) {
    return `schemaVersion must be an integer from 1 to ${MAX_SCHEMA_VERSION}`;
  }
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) return 'streamId is not a stream id';
  if (!isInteger(streamPosition) || streamPosition < 1) return 'streamPosition must be a positive integer';
  if (!isISO8601(occurredAt, { strict: true })) return 'occurredAt must be an ISO 8601 timestamp';
  if (!isBoundedString(correlationId)) return 'correlationId must be a string of 1 to 200 characters';
  if (causationId !== null && causationId !== undefined && !isBoundedString(causationId)) {
    return 'causationId must be null or a string of 1 to 200 characters';
  }
  const actorProblem = actorProblemOf(raw['actor']);
  if (actorProblem) return actorProblem;
  if (!isPlainObject(raw['data'])) return 'data must be an object';
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The envelope fields, typed, once `envelopeProblem` found none. */
export function asEnvelope(raw: Record<string, unknown>): EventEnvelope {
  return raw as unknown as EventEnvelope;
}

function actorProblemOf(actor: unknown): string | undefined {
  // Stricter than ValidateNested, which would also accept an array of valid actors.
  if (!isPlainObject(actor)) return 'actor must be an object';
  if (!isIn(actor['kind'], ACTOR_KINDS)) return `actor.kind must be one of ${ACTOR_KINDS.join(', ')}`;
  if (!isBoundedString(actor['id'])) return 'actor.id must be a string of 1 to 200 characters';
  return undefined;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isBoundedString(value: unknown): value is string {
  return typeof value === 'string' && length(value, 1, MAX_ID_LENGTH);
}
