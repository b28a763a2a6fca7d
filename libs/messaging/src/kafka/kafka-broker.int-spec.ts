// The run's Kafka broker is real: kafkajs creates a topic explicitly, produces keyed messages
// with an idempotent producer and acks=-1, and a consumer group reads them back in order.
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { eventually } from '@grantline/testing';

function brokers(): string[] {
  const configured = process.env['KAFKA_BROKERS'];
  if (!configured)
    throw new Error('KAFKA_BROKERS is not set: run integration tests through jest.int.config.js');
  return configured.split(',');
}

describe('Kafka broker', () => {
  const topic = `grantline.roundtrip-${Date.now().toString(36)}.v1`;
  const kafka = new Kafka({
    clientId: 'grantline-roundtrip',
    brokers: brokers(),
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;
  let consumer: Consumer;

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
  });

  it('round-trips keyed messages in order on a real broker', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    });
    await admin.disconnect();

    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 20 }, (_, i) => ({ key: `consent-${i % 4}`, value: `event-${i}` }));
    await producer.send({ topic, acks: -1, messages: sent });

    const received: Array<{ key: string; value: string }> = [];
    consumer = kafka.consumer({ groupId: `roundtrip-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
      },
    });

    await eventually(() => expect(received).toHaveLength(sent.length), { timeoutMs: 30_000 });
    for (const key of ['consent-0', 'consent-1', 'consent-2', 'consent-3']) {
      const inOrder = (list: typeof sent) => list.filter((m) => m.key === key).map((m) => m.value);
      expect(inOrder(received)).toEqual(inOrder(sent));
    }
  });
});
