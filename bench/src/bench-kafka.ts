// The Kafka broker a bench runs against: the one KAFKA_BROKERS names, or a fresh local broker
// (KRaft, from the Maven classpath) that the bench removes when it is done.
import { KafkaBroker, ensureKafkaClasspath } from '@grantline/testing';

export interface BenchKafka {
  /** Comma-separated bootstrap addresses. */
  brokers: string;
  release(): Promise<void>;
}

export async function benchKafka(): Promise<BenchKafka> {
  const given = process.env['KAFKA_BROKERS'];
  if (given) return { brokers: given, release: async () => undefined };
  ensureKafkaClasspath();
  const broker = await KafkaBroker.start();
  return { brokers: broker.brokers, release: () => broker.destroy() };
}
