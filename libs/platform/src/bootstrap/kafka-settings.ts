// How a service reaches Kafka, from its configuration: brokers, topics it creates, its topic prefix,
// and TLS and SASL as a bank's cluster requires them (KAFKA_TLS*, KAFKA_SASL_*).
import type { KafkaSettings } from '@grantline/messaging';
import type { ServiceConfig } from '../config/service.config';
import { readPem } from '../tls/tls-server';

/** The Kafka transport's settings from a service's configuration; undefined without brokers. */
export function kafkaSettingsOf(service: string, config: ServiceConfig): KafkaSettings | undefined {
  if (config.KAFKA_BROKERS.length === 0) return undefined;
  return {
    brokers: config.KAFKA_BROKERS,
    clientId: `grantline-${service}`,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    tls: config.KAFKA_TLS
      ? {
          ca: config.KAFKA_TLS_CA_FILE ? readPem('KAFKA_TLS_CA_FILE', config.KAFKA_TLS_CA_FILE) : undefined,
          cert: config.KAFKA_TLS_CERT_FILE
            ? readPem('KAFKA_TLS_CERT_FILE', config.KAFKA_TLS_CERT_FILE)
            : undefined,
          key: config.KAFKA_TLS_KEY_FILE
            ? readPem('KAFKA_TLS_KEY_FILE', config.KAFKA_TLS_KEY_FILE)
            : undefined,
        }
      : undefined,
    sasl:
      config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
        ? {
            mechanism: config.KAFKA_SASL_MECHANISM,
            username: config.KAFKA_SASL_USERNAME,
            password: config.KAFKA_SASL_PASSWORD,
          }
        : undefined,
  };
}
