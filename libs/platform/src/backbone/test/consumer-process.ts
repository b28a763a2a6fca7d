// A consumer in its own process, so a test can SIGKILL it mid-stream: Kafka transport, the
// consumer runtime, and the probe effect. Configured by environment; prints "consuming" when
// subscribed.
import { KafkaTransport, EventConsumer } from '@grantline/messaging';
import { openProbeDatabase, probeCatalogue, probeLedger, probeTopics, recordApplied } from './backbone-kit';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const catalogue = probeCatalogue(env('PROBE_TOPIC_PREFIX'));
  const dataSource = await openProbeDatabase(env('PROBE_DATABASE_URL'));
  const transport = new KafkaTransport({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: 'probe-consumer',
    topics: probeTopics(catalogue),
  });
  await transport.start();
  const consumer = new EventConsumer({
    name: env('PROBE_CONSUMER'),
    transport,
    catalogue,
    ledger: probeLedger(dataSource),
    handlers: new Map([['ProbeRecorded', recordApplied(env('PROBE_CONSUMER'))]]),
  });
  await consumer.start();
  process.stdout.write('consuming\n');
}

main().catch((error) => {
  process.stderr.write(`consumer-process: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
