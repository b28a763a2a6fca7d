// Event transports (Kafka and in-process) and the consumer runtime. The only place kafkajs is imported.
export {
  MAX_MESSAGE_BYTES,
  MessageTooLarge,
  type EventTransport,
  type MessageHandler,
  type SubscribeOptions,
  type Subscription,
  type TransportMessage,
} from './transport/event-transport';
export { InProcessTransport } from './in-process/in-process-transport';
export { KafkaTransport, type KafkaSettings } from './kafka/kafka-transport';
export { transportFor } from './transport/transport-from-settings';
export {
  EventConsumer,
  type ConsumerObserver,
  type EffectLedger,
  type EventConsumerOptions,
  type EventHandler,
  type EventRunHandler,
} from './consumer/event-consumer';
export {
  EVERY_EVENT_RUN,
  EventConsumerServer,
  type EventContext,
  type EventRunContext,
  type EventConsumerServerOptions,
} from './nest/event-consumer.server';
