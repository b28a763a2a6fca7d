// The consumer runtime every service's event handlers run in:
//  - parses and validates each message at the boundary (envelope and payload, class-validator);
//    a malformed message, an unknown type or version goes to the dead-letter topic;
//  - applies the handler and records the event id in one transaction (the effect ledger), so a
//    redelivered event takes effect once;
//  - retries a failing handler with backoff, then dead-letters it, so a poison message never
//    blocks its partition forever. While the database is unreachable it keeps retrying without
//    counting: an outage is not the message's fault.
import {
  DEAD_LETTER_TOPIC,
  EventRejected,
  type EventCatalogue,
  type EventEnvelope,
} from '@grantline/contracts';
import type { EventTransport, Subscription, TransportMessage } from '../transport/event-transport';

/** Where effects and processed event ids commit together (libs/event-store's IdempotentEffects). */
export interface EffectLedger<Transaction> {
  applyOnce(
    consumer: string,
    eventId: string,
    effect: (transaction: Transaction) => Promise<void>,
  ): Promise<boolean>;
  /** Many events in one transaction; `fresh` holds the ids not processed before. */
  applyBatchOnce?(
    consumer: string,
    eventIds: readonly string[],
    effect: (transaction: Transaction, fresh: ReadonlySet<string>) => Promise<void>,
  ): Promise<number>;
  isReachable(): Promise<boolean>;
}

/** Messages parsed between two turns of the event loop. */
const PARSE_SLICE = 25;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The longest run a run handler receives. */
export const RUN_HANDLER_BATCH = 1000;

export type EventHandler<Transaction> = (event: EventEnvelope, transaction: Transaction) => Promise<void>;

/**
 * A consumer of every event type (the audit log): called with runs of fresh events, in order,
 * inside the same transaction as their processed-event records, so it can write a run at once.
 */
export type EventRunHandler<Transaction> = (
  events: readonly EventEnvelope[],
  transaction: Transaction,
) => Promise<void>;

export interface ConsumerObserver {
  applied?(type: string): void;
  duplicate?(type: string): void;
  deadLettered?(reason: string, type: string | undefined, error: string): void;
}

export interface EventConsumerOptions<Transaction> {
  /** The consumer group and the ledger's consumer name: the service. */
  name: string;
  transport: EventTransport;
  catalogue: EventCatalogue;
  ledger: EffectLedger<Transaction>;
  handlers: ReadonlyMap<string, EventHandler<Transaction>>;
  /** Receives every event type of the catalogue, on every topic, in runs. */
  runHandler?: EventRunHandler<Transaction>;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  observer?: ConsumerObserver;
}

export class EventConsumer<Transaction> {
  private subscription: Subscription | undefined;
  private stopping = false;

  constructor(private readonly options: EventConsumerOptions<Transaction>) {
    for (const type of options.handlers.keys()) {
      if (!options.catalogue.latest(type))
        throw new Error(`${options.name} handles ${type}, which no contract defines`);
    }
  }

  /** The topics of the event types this consumer handles. */
  get topics(): string[] {
    if (this.options.runHandler) return this.options.catalogue.topics;
    return [
      ...new Set([...this.options.handlers.keys()].map((type) => this.options.catalogue.topicOf(type))),
    ];
  }

  async start(): Promise<void> {
    if ((this.options.handlers.size === 0 && !this.options.runHandler) || this.subscription) return;
    this.stopping = false;
    this.subscription = await this.options.transport.subscribe({
      group: this.options.name,
      topics: this.topics,
      handler: (message) => this.deliver(message),
      batchHandler: this.options.ledger.applyBatchOnce
        ? (messages) => this.deliverBatch(messages)
        : undefined,
      // A run handler writes a whole run at once: longer runs amortise its commit and lock.
      maxBatch: this.options.runHandler ? RUN_HANDLER_BATCH : undefined,
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  /** Handles one message; resolves when it is safe to acknowledge. */
  async deliver(message: TransportMessage): Promise<void> {
    let event: EventEnvelope;
    try {
      event = this.options.catalogue.parse(message.value);
    } catch (error) {
      if (!(error instanceof EventRejected)) throw error;
      return this.deadLetter(message, error.reason, undefined, error.message);
    }
    return this.apply(message, event);
  }

  /** Applies one parsed event with retries; resolves when it is safe to acknowledge. */
  private async apply(message: TransportMessage, event: EventEnvelope): Promise<void> {
    const handler = this.options.handlers.get(event.type);
    const runHandler = this.options.runHandler;
    if (!handler && !runHandler) return;
    const { maxAttempts = 5, retryBaseMs = 200, retryMaxMs = 10_000 } = this.options;
    for (let attempt = 1; ;) {
      try {
        const applied = await this.options.ledger.applyOnce(
          this.options.name,
          event.id,
          async (transaction) => {
            await handler?.(event, transaction);
            await runHandler?.([event], transaction);
          },
        );
        if (applied) this.options.observer?.applied?.(event.type);
        else this.options.observer?.duplicate?.(event.type);
        return;
      } catch (error) {
        if (this.stopping) throw error;
        const outage = !(await this.options.ledger.isReachable());
        if (!outage && attempt >= maxAttempts) {
          return this.deadLetter(message, 'handler-failed', event.type, describe(error));
        }
        if (!outage) attempt++;
        await sleep(Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(attempt, 16)));
      }
    }
  }

  /**
   * Handles a run of messages in one transaction (one commit instead of one per event). If any
   * handler fails, nothing of the run is kept and each message goes through deliver() alone, so
   * the failing one is retried and dead-lettered by itself.
   */
  async deliverBatch(messages: readonly TransportMessage[]): Promise<void> {
    const ledger = this.options.ledger;
    const parsed: Array<{ message: TransportMessage; event: EventEnvelope }> = [];
    for (const [index, message] of messages.entries()) {
      // Other partitions' runs are waiting on the database meanwhile (the audit's chain lock
      // among them): let their continuations in between slices of a long run.
      if (index > 0 && index % PARSE_SLICE === 0) await yieldToEventLoop();
      try {
        parsed.push({ message, event: this.options.catalogue.parse(message.value) });
      } catch (error) {
        if (!(error instanceof EventRejected)) throw error;
        // Malformed or unknown: dead-lettered now. It never takes effect, so the rest of the run
        // still goes in one transaction, in its own order.
        await this.deadLetter(message, error.reason, undefined, error.message);
      }
    }
    const runHandler = this.options.runHandler;
    const handled = parsed.filter(({ event }) => runHandler || this.options.handlers.has(event.type));
    if (!ledger.applyBatchOnce || handled.length <= 1) {
      for (const { message, event } of parsed) await this.apply(message, event);
      return;
    }
    // The events this run applied, counted once it committed (duplicates are counted as such).
    let applied: EventEnvelope[] = [];
    try {
      const ids = new Set<string>();
      for (const { event } of handled) ids.add(event.id);
      await ledger.applyBatchOnce(this.options.name, [...ids], async (transaction, fresh) => {
        const seen = new Set<string>();
        const run: EventEnvelope[] = [];
        applied = run;
        for (const { event } of handled) {
          if (!fresh.has(event.id) || seen.has(event.id)) {
            this.options.observer?.duplicate?.(event.type);
            continue;
          }
          seen.add(event.id);
          run.push(event);
          await this.options.handlers.get(event.type)?.(event, transaction);
        }
        if (runHandler && run.length > 0) await runHandler(run, transaction);
      });
      for (const event of applied) this.options.observer?.applied?.(event.type);
    } catch (error) {
      if (this.stopping) throw error;
      for (const { message, event } of parsed) await this.apply(message, event);
    }
  }

  private async deadLetter(
    message: TransportMessage,
    reason: string,
    type: string | undefined,
    error: string,
  ): Promise<void> {
    await this.options.transport.publish([
      {
        topic: DEAD_LETTER_TOPIC,
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'dead-letter-reason': reason,
          'dead-letter-consumer': this.options.name,
          'dead-letter-topic': message.topic,
          'dead-letter-error': error.slice(0, 500),
        },
      },
    ]);
    this.options.observer?.deadLettered?.(reason, type, error);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
