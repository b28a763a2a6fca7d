// Fault tests stop and restart a broker mid-run. A dedicated broker (not the run's shared one)
// restarts on the same ports and log.dirs and still holds every message acknowledged before.
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker, eventually } from '@grantline/testing';

describe('Kafka broker restart (fault-test helper)', () => {
  let broker: KafkaBroker;

  beforeAll(async () => {
    broker = await KafkaBroker.start();
  });

  afterAll(async () => {
    await broker?.destroy();
  });

  it('keeps acknowledged messages across stop and restart, on the same address', async () => {
    const topic = 'grantline.restart-probe.v1';
    const kafka = new Kafka({
      clientId: 'grantline-restart',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    await admin.disconnect();

    const produce = async (values: string[]) => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: values.map((value) => ({ key: 'grant-1', value })) });
      await producer.disconnect();
    };

    await produce(['before-1', 'before-2']);
    const pidBefore = broker.pid;
    await broker.stop();
    expect(broker.running).toBe(false);
    await broker.restart();
    expect(broker.pid).not.toBe(pidBefore);
    await produce(['after-1']);

    const received: string[] = [];
    const consumer = kafka.consumer({ groupId: 'restart-probe' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void received.push(message.value?.toString() ?? ''),
    });
    try {
      await eventually(() => expect(received).toEqual(['before-1', 'before-2', 'after-1']), {
        timeoutMs: 30_000,
      });
    } finally {
      await consumer.disconnect();
    }
  });
});
