// Which event types exist, at which schema versions, on which topic. Consumers parse every
// message through a catalogue at the boundary: an unknown type or version, a malformed envelope
// or an invalid payload is an `EventRejected` with a reason, and goes to the dead-letter topic.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { topicFor, type BoundedContext } from '../topics';
import { EVENT_TYPE_NAME, type EventEnvelope } from './event-envelope';
import { compiledSchemaCheck, plainPayloadCheck } from './compiled-schema-check';
import { asEnvelope, envelopeProblem, isPlainObject } from './read-envelope';

export interface EventDefinition<T extends object = object> {
  type: string;
  schemaVersion: number;
  context: BoundedContext;
  /** The class-validator schema of `data`. */
  schema: new () => T;
  /** One line for the catalogue and the audit UI. */
  description: string;
}

export function defineEvent<T extends object>(definition: EventDefinition<T>): EventDefinition<T> {
  if (!EVENT_TYPE_NAME.test(definition.type)) throw new Error(`invalid event type name ${definition.type}`);
  return Object.freeze(definition);
}

export type RejectionReason = 'malformed-envelope' | 'unknown-event-type' | 'invalid-payload';

export class EventRejected extends Error {
  readonly code = 'event_rejected';

  constructor(
    readonly reason: RejectionReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'EventRejected';
  }
}

const STRICT = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export class EventCatalogue {
  private readonly byKey = new Map<string, EventDefinition>();

  private readonly topicForContext: (context: BoundedContext) => string;

  /** `topicFor` renames topics (tests isolate themselves on a shared broker); defaults to grantline.<context>.v1. */
  constructor(
    definitions: readonly EventDefinition[],
    options: { topicFor?: (context: BoundedContext) => string } = {},
  ) {
    this.topicForContext = options.topicFor ?? topicFor;
    for (const definition of definitions) {
      const key = keyOf(definition.type, definition.schemaVersion);
      if (this.byKey.has(key)) throw new Error(`event ${key} is defined twice`);
      this.byKey.set(key, definition);
    }
  }

  get definitions(): readonly EventDefinition[] {
    return [...this.byKey.values()];
  }

  find(type: string, schemaVersion: number): EventDefinition | undefined {
    return this.byKey.get(keyOf(type, schemaVersion));
  }

  /** The newest version of a type: what producers write. */
  latest(type: string): EventDefinition | undefined {
    let newest: EventDefinition | undefined;
    for (const definition of this.byKey.values()) {
      if (definition.type === type && (!newest || definition.schemaVersion > newest.schemaVersion)) {
        newest = definition;
      }
    }
    return newest;
  }

  topicOf(type: string): string {
    const definition = this.latest(type);
    if (!definition) throw new EventRejected('unknown-event-type', `no event type ${type}`);
    return this.topicForContext(definition.context);
  }

  get topics(): string[] {
    return [...new Set(this.definitions.map((definition) => this.topicForContext(definition.context)))];
  }

  /** Checks the payload a producer is about to append; throws `EventRejected`. */
  checkPayload(type: string, schemaVersion: number, data: unknown): void {
    const definition = this.find(type, schemaVersion);
    if (!definition) throw new EventRejected('unknown-event-type', `${type} v${schemaVersion}`);
    assertValid('invalid-payload', definition.schema, data);
  }

  /** Parses what arrived on a transport: JSON text or an already-decoded object. */
  parse(message: unknown): EventEnvelope {
    let raw = message;
    if (typeof message === 'string' || message instanceof Uint8Array) {
      try {
        raw = JSON.parse(typeof message === 'string' ? message : Buffer.from(message).toString('utf8'));
      } catch {
        throw new EventRejected('malformed-envelope', 'not JSON');
      }
    }
    if (!isPlainObject(raw)) throw new EventRejected('malformed-envelope', 'not an object');
    const problem = envelopeProblem(raw);
    if (problem) throw new EventRejected('malformed-envelope', problem);
    const envelope = asEnvelope(raw);
    const definition = this.find(envelope.type, envelope.schemaVersion);
    if (!definition) {
      throw new EventRejected('unknown-event-type', `${envelope.type} v${envelope.schemaVersion}`);
    }
    const data = assertValid('invalid-payload', definition.schema, envelope.data);
    return { ...envelope, data };
  }
}

function keyOf(type: string, schemaVersion: number): string {
  return `${type}@${schemaVersion}`;
}

function assertValid<T extends object>(reason: RejectionReason, schema: new () => T, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EventRejected(reason, 'not an object');
  }
  // The compiled checks accept what validateSync would; anything else gets validateSync's verdict.
  if (plainPayloadCheck(schema)?.(value)) return value as T;
  const instance = plainToInstance(schema, value);
  if (compiledSchemaCheck(schema)?.(instance)) return instance;
  const [first] = validateSync(instance, STRICT);
  if (first) throw new EventRejected(reason, describe(first));
  return instance;
}

function describe(error: ValidationError, path = ''): string {
  const here = path ? `${path}.${error.property}` : error.property;
  if (error.constraints) return `${here}: ${Object.values(error.constraints)[0]}`;
  const [child] = error.children ?? [];
  return child ? describe(child, here) : `${here} is invalid`;
}
