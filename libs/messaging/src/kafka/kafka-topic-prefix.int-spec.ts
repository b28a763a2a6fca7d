// Installations sharing one Kafka cluster (KAFKA_TOPIC_PREFIX): each reads only its own events,
// under the topic names the services use, on a real broker.
import { ALL_TOPICS } from '@grantline/contracts';
import { eventually } from '@grantline/testing';
import type { TransportMessage } from '../transport/event-transport';
import { KafkaTransport } from './kafka-transport';

describe('Kafka topic prefix', () => {
  const run = Date.now().toString(36);
  const [topic] = ALL_TOPICS;
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
  const installation = (name: string) =>
    new KafkaTransport({
      brokers,
      clientId: `prefix-${name}`,
      partitions: 1,
      topics: [topic],
      topicPrefix: `${name}-${run}.`,
    });
  const uat = installation('uat');
  const staging = installation('staging');

  afterAll(async () => {
    await Promise.all([uat.stop(), staging.stop()]);
  });

  it('keeps the events of two installations on one cluster apart', async () => {
    const received = { uat: [] as TransportMessage[], staging: [] as TransportMessage[] };
    await uat.subscribe({
      group: `uat-${run}`,
      topics: [topic],
      handler: async (message) => void received.uat.push(message),
    });
    await staging.subscribe({
      group: `staging-${run}`,
      topics: [topic],
      handler: async (message) => void received.staging.push(message),
    });
    await uat.publish([{ topic, key: 'consent-1', value: 'uat event', headers: {} }]);
    await staging.publish([{ topic, key: 'consent-1', value: 'staging event', headers: {} }]);

    await eventually(
      () => {
        expect(received.uat.map((message) => [message.topic, message.value])).toEqual([[topic, 'uat event']]);
        expect(received.staging.map((message) => [message.topic, message.value])).toEqual([
          [topic, 'staging event'],
        ]);
      },
      { timeoutMs: 30_000 },
    );
  });
});
