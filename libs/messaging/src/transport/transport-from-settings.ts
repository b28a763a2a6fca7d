// Distributed mode uses Kafka when brokers are configured; otherwise the process delivers its
// events to itself (a single service in development).
import { InProcessTransport } from '../in-process/in-process-transport';
import { KafkaTransport, type KafkaSettings } from '../kafka/kafka-transport';
import type { EventTransport } from './event-transport';

export function transportFor(kafka: KafkaSettings | undefined): EventTransport {
  return kafka && kafka.brokers.length > 0 ? new KafkaTransport(kafka) : new InProcessTransport();
}
