// The contract both transports keep (Kafka between processes, in-process inside the embedded
// runtime): keyed messages, per-key order, at-least-once delivery to every consumer group, and
// a handler whose success is the acknowledgement.

export interface TransportMessage {
  topic: string;
  /** The stream id: one stream's messages stay in order. */
  key: string;
  /** The event envelope as JSON text. */
  value: string;
  headers: Record<string, string>;
}

/** Resolves once the message's effect is committed; a rejection leaves it unacknowledged. */
export type MessageHandler = (message: TransportMessage) => Promise<void>;

/** Several messages of one partition (or lane), in order; same acknowledgement rule. */
export type BatchHandler = (messages: readonly TransportMessage[]) => Promise<void>;

export interface SubscribeOptions {
  /** The consumer group: one per service. */
  group: string;
  topics: readonly string[];
  handler: MessageHandler;
  /** When given, the transport hands over runs of consecutive messages instead of one at a time. */
  batchHandler?: BatchHandler;
  /** The longest run handed to `batchHandler` (default MAX_BATCH). */
  maxBatch?: number;
}

/** The most messages a transport hands to one batch handler call. */
export const MAX_BATCH = 200;

export interface Subscription {
  stop(): Promise<void>;
}

export interface EventTransport {
  readonly transportName: 'kafka' | 'in-process';
  /** Connects and creates the topics; idempotent. */
  start(): Promise<void>;
  /** Resolves when the transport holds the messages durably (Kafka: acks=-1; in-process: delivered). */
  publish(messages: readonly TransportMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  isReady(): Promise<boolean>;
  stop(): Promise<void>;
}

/** The largest message either transport carries: Kafka's default message.max.bytes. */
export const MAX_MESSAGE_BYTES = 1_048_576;

export class MessageTooLarge extends Error {
  readonly code = 'message_too_large';

  constructor(topic: string, bytes: number) {
    super(`a ${bytes}-byte message for ${topic} exceeds ${MAX_MESSAGE_BYTES} bytes`);
    this.name = 'MessageTooLarge';
  }
}

export function messageBytes(message: TransportMessage): number {
  return Buffer.byteLength(message.value) + Buffer.byteLength(message.key);
}
