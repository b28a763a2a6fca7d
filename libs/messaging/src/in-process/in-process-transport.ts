// Delivery inside one process (the embedded runtime). publish() resolves only when every
// subscribed group has handled the message, so the outbox row stays until its effects are
// committed: a crash loses nothing the outbox did not still hold. Messages hash onto lanes by
// key; each group drains a lane's queue in order, one run of messages at a time, so one stream's
// messages are handled in order.
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

const LANES = 16;

interface Pending {
  message: TransportMessage;
  delivered: () => void;
  failed: (error: unknown) => void;
}

class Lane {
  private readonly queue: Pending[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly options: SubscribeOptions) {}

  deliver(message: TransportMessage): Promise<void> {
    return new Promise((delivered, failed) => {
      this.queue.push({ message, delivered, failed });
      this.draining ??= this.drain().finally(() => (this.draining = undefined));
    });
  }

  async idle(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const run = this.queue.splice(0, this.options.batchHandler ? (this.options.maxBatch ?? MAX_BATCH) : 1);
      try {
        if (this.options.batchHandler) await this.options.batchHandler(run.map((pending) => pending.message));
        else await this.options.handler(run[0].message);
        run.forEach((pending) => pending.delivered());
      } catch (error) {
        // Unacknowledged: the publisher (the outbox relay) keeps the rows and publishes them again.
        run.forEach((pending) => pending.failed(error));
        this.queue.splice(0).forEach((pending) => pending.failed(error));
      }
    }
  }
}

interface Group {
  topics: Set<string>;
  lanes: Lane[];
  stopped: boolean;
}

export class InProcessTransport implements EventTransport {
  readonly transportName = 'in-process';
  private readonly groups = new Map<string, Group>();
  private stopped = false;
  private release: () => void = () => undefined;
  private readonly opened: Promise<void>;

  /**
   * `deferDelivery`: publish() waits for open(), so consumers that subscribe while services are
   * still starting miss nothing. The embedded runtime opens once every service subscribed.
   */
  constructor(options: { deferDelivery?: boolean } = {}) {
    this.opened = options.deferDelivery
      ? new Promise((resolve) => (this.release = resolve))
      : Promise.resolve();
  }

  async start(): Promise<void> {
    this.stopped = false;
  }

  open(): void {
    this.release();
  }

  async publish(messages: readonly TransportMessage[]): Promise<void> {
    for (const message of messages) {
      const bytes = messageBytes(message);
      if (bytes > MAX_MESSAGE_BYTES) throw new MessageTooLarge(message.topic, bytes);
    }
    await this.opened;
    if (this.stopped) throw new Error('the in-process transport is stopped');
    const deliveries: Array<Promise<void>> = [];
    for (const message of messages) {
      const lane = laneOf(message.key);
      for (const group of this.groups.values()) {
        if (group.stopped || !group.topics.has(message.topic)) continue;
        // Each group gets its own copy: a handler can never see another group's mutations.
        deliveries.push(group.lanes[lane].deliver({ ...message, headers: { ...message.headers } }));
      }
    }
    await Promise.all(deliveries);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.groups.has(options.group))
      throw new Error(`consumer group ${options.group} is already subscribed`);
    const group: Group = {
      topics: new Set(options.topics),
      lanes: Array.from({ length: LANES }, () => new Lane(options)),
      stopped: false,
    };
    this.groups.set(options.group, group);
    return {
      stop: async () => {
        group.stopped = true;
        this.groups.delete(options.group);
        await Promise.all(group.lanes.map((lane) => lane.idle()));
      },
    };
  }

  async isReady(): Promise<boolean> {
    return !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.release();
    await Promise.all([...this.groups.values()].flatMap((group) => group.lanes.map((lane) => lane.idle())));
  }
}

function laneOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % LANES;
}
