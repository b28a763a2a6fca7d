// Kafka between services (kafkajs): an idempotent producer with acks=-1 keyed by stream id, topics
// created explicitly at start-up, one consumer group per service, and offsets resolved only after
// the handler (the effect's transaction) succeeded, so an acknowledged offset is always an
// applied effect.
import { Kafka, logLevel, type Admin, type Consumer, type Producer, type SASLOptions } from 'kafkajs';
import { ALL_TOPICS, DEAD_LETTER_TOPIC } from '@grantline/contracts';
import {
  MAX_BATCH,
  MAX_MESSAGE_BYTES,
  MessageTooLarge,
  messageBytes,
  type EventTransport,
  type SubscribeOptions,
  type Subscription,
  type TransportMessage,
} from '../transport/event-transport';

export interface KafkaSettings {
  brokers: readonly string[];
  clientId: string;
  partitions?: number;
  replicationFactor?: number;
  /** Topics created at start-up; defaults to every context topic and the dead-letter topic. */
  topics?: readonly string[];
  /** Partitions of one consumer handled at once; order holds within each. */
  partitionsConsumedConcurrently?: number;
  /**
   * Put before every topic name on the broker (KAFKA_TOPIC_PREFIX): installations sharing a cluster
   * never read each other's events. Callers name topics without it and are handed them without it.
   */
  topicPrefix?: string;
  /** TLS to the brokers: the CAs to trust (PEM; the system's when absent), and a client certificate. */
  tls?: { readonly ca?: string; readonly cert?: string; readonly key?: string };
  /** SASL authentication to the brokers (only over TLS: the configuration refuses it without). */
  sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
}

const READY_TIMEOUT_MS = 1500;
/** How long start-up waits for the topics' partitions to have leaders (another service may be creating them). */
const LEADERS_TIMEOUT_MS = 30_000;

export class KafkaTransport implements EventTransport {
  readonly transportName = 'kafka';
  private readonly kafka: Kafka;
  private producer: Producer;
  private readonly admin: Admin;
  private readonly consumers = new Set<Consumer>();
  private started: Promise<void> | undefined;
  private producerConnected = false;

  private readonly prefix: string;

  constructor(private readonly settings: KafkaSettings) {
    this.prefix = settings.topicPrefix ?? '';
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: [...settings.brokers],
      ...(settings.tls
        ? {
            ssl: {
              rejectUnauthorized: true,
              ...(settings.tls.ca ? { ca: [settings.tls.ca] } : {}),
              ...(settings.tls.cert && settings.tls.key
                ? { cert: settings.tls.cert, key: settings.tls.key }
                : {}),
            },
          }
        : {}),
      ...(settings.sasl ? { sasl: { ...settings.sasl } as SASLOptions } : {}),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
    });
    this.producer = this.newProducer();
    this.admin = this.kafka.admin({ retry: { retries: 0 } });
  }

  start(): Promise<void> {
    this.started ??= this.connect().catch((error) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  async publish(messages: readonly TransportMessage[]): Promise<void> {
    if (messages.length === 0) return;
    for (const message of messages) {
      const bytes = messageBytes(message);
      if (bytes > MAX_MESSAGE_BYTES) throw new MessageTooLarge(message.topic, bytes);
    }
    await this.start();
    const byTopic = new Map<string, Array<{ key: string; value: string; headers: Record<string, string> }>>();
    for (const { topic, key, value, headers } of messages) {
      const list = byTopic.get(topic) ?? [];
      list.push({ key, value, headers });
      byTopic.set(topic, list);
    }
    try {
      if (!this.producerConnected) {
        await this.producer.connect();
        this.producerConnected = true;
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic: this.onBroker(topic), messages: list })),
      });
    } catch (error) {
      // After a broker outage, start afresh: a new connection and a new producer id, because an
      // idempotent producer whose sequence the broker lost refuses every later batch.
      const failed = this.producer;
      this.producer = this.newProducer();
      this.producerConnected = false;
      void failed.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async subscribe({
    group,
    topics,
    handler,
    batchHandler,
    maxBatch,
  }: SubscribeOptions): Promise<Subscription> {
    await this.start();
    let stopped = false;
    let current: Consumer | undefined;
    let restartTimer: NodeJS.Timeout | undefined;
    let restartDelayMs = 500;

    const run = async (): Promise<void> => {
      const consumer = this.kafka.consumer({
        groupId: group,
        allowAutoTopicCreation: false,
        // A consumer that died is noticed within 10 s and its partitions reassigned.
        sessionTimeout: 10_000,
        heartbeatInterval: 3000,
        maxWaitTimeInMs: 250,
        retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
      });
      current = consumer;
      this.consumers.add(consumer);
      // kafkajs restarts itself after most failures; when it gives up (a long broker outage), a
      // fresh consumer rejoins the group and resumes from the last committed offsets.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (payload.restart || stopped) return;
        this.consumers.delete(consumer);
        void consumer.disconnect().catch(() => undefined);
        scheduleRestart();
      });
      await consumer.connect();
      await consumer.subscribe({ topics: topics.map((topic) => this.onBroker(topic)), fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently ?? 3,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const messages = batch.messages;
          const step = batchHandler ? (maxBatch ?? MAX_BATCH) : 1;
          for (let from = 0; from < messages.length; from += step) {
            if (!isRunning() || isStale()) return;
            const run = messages.slice(from, from + step);
            const delivered = run.map((message) => ({
              topic: batch.topic.slice(this.prefix.length),
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              headers: headersOf(message.headers),
            }));
            if (batchHandler) await batchHandler(delivered);
            else await handler(delivered[0]);
            resolveOffset(run[run.length - 1].offset);
            await heartbeat();
          }
        },
      });
      restartDelayMs = 500;
    };

    const scheduleRestart = () => {
      if (stopped) return;
      restartTimer = setTimeout(() => {
        run().catch(() => {
          if (current) this.consumers.delete(current);
          void current?.disconnect().catch(() => undefined);
          scheduleRestart();
        });
      }, restartDelayMs);
      restartDelayMs = Math.min(10_000, restartDelayMs * 2);
    };

    await run();
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(restartTimer);
        if (current) {
          this.consumers.delete(current);
          await current.disconnect();
        }
      },
    };
  }

  /**
   * Services of a new installation start together: a topic another one has just created is listed
   * before its partitions have leaders, and producing or joining then fails. Wait for them.
   */
  private async awaitLeaders(topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + LEADERS_TIMEOUT_MS;
    for (;;) {
      const led = await this.admin
        .fetchTopicMetadata({ topics: [...topics] })
        .then(
          ({ topics: found }) =>
            found.length === topics.length &&
            found.every(
              ({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0),
            ),
        )
        .catch(() => false);
      if (led) return;
      if (Date.now() > deadline)
        throw new Error(`Kafka topics without partition leaders: ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private onBroker(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  private newProducer(): Producer {
    return this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  /** Whether a broker answers now; bounded, because readiness probes and the relay ask often. */
  async isReady(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)),
    );
    try {
      return await Promise.race([
        this.admin
          .connect()
          .then(() => this.admin.describeCluster())
          .then((cluster) => cluster.brokers.length > 0)
          .catch(async () => {
            await this.admin.disconnect().catch(() => undefined);
            return false;
          }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
    this.producerConnected = false;
    this.started = undefined;
  }

  private async connect(): Promise<void> {
    await this.admin.connect();
    const wanted = (this.settings.topics ?? [...ALL_TOPICS, DEAD_LETTER_TOPIC]).map((topic) =>
      this.onBroker(topic),
    );
    const existing = new Set(await this.admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.settings.partitions ?? 6,
          replicationFactor: this.settings.replicationFactor ?? 1,
          configEntries: [{ name: 'min.insync.replicas', value: String(minInSync(this.settings)) }],
        })),
      });
    }
    await this.awaitLeaders(wanted);
    await this.producer.connect();
    this.producerConnected = true;
  }
}

/** With replicas, acks=-1 only means something if more than one must have the write. */
function minInSync(settings: KafkaSettings): number {
  return Math.max(1, Math.min(2, (settings.replicationFactor ?? 1) - 1));
}

function headersOf(headers: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return result;
}
