// Delivery inside one process (the embedded runtime). publish() resolves only when every
// subscribed group has handled the message, so the outbox row stays until its effects are
// committed: a crash loses nothing the outbox did not still hold. Messages hash onto lanes by
// key; a lane is one promise chain per group, so one stream's messages are handled in order.
import {
  MAX_MESSAGE_BYTES,
  MessageTooLarge,
  messageBytes,
  type EventTransport,
  type SubscribeOptions,
  type Subscription,
  type TransportMessage,
} from '../transport/event-transport';

const LANES = 16;

interface Group {
  name: string;
  topics: Set<string>;
  handler: SubscribeOptions['handler'];
  lanes: Array<Promise<void>>;
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
      for (const group of this.groups.values()) {
        if (!group.stopped && group.topics.has(message.topic)) deliveries.push(this.enqueue(group, message));
      }
    }
    await Promise.all(deliveries);
  }

  async subscribe({ group: name, topics, handler }: SubscribeOptions): Promise<Subscription> {
    if (this.groups.has(name)) throw new Error(`consumer group ${name} is already subscribed`);
    const group: Group = {
      name,
      topics: new Set(topics),
      handler,
      lanes: Array.from({ length: LANES }, () => Promise.resolve()),
      stopped: false,
    };
    this.groups.set(name, group);
    return {
      stop: async () => {
        group.stopped = true;
        this.groups.delete(name);
        await Promise.allSettled(group.lanes);
      },
    };
  }

  async isReady(): Promise<boolean> {
    return !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.release();
    await Promise.allSettled([...this.groups.values()].flatMap((group) => group.lanes));
  }

  private enqueue(group: Group, message: TransportMessage): Promise<void> {
    const lane = laneOf(message.key);
    // Each group gets its own copy: a handler can never see another group's mutations.
    const copy: TransportMessage = { ...message, headers: { ...message.headers } };
    const delivered = group.lanes[lane].then(() => group.handler(copy));
    group.lanes[lane] = delivered.catch(() => undefined);
    return delivered;
  }
}

function laneOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % LANES;
}
