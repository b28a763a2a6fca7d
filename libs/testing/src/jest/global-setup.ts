// Starts the run's real infrastructure once: PostgreSQL, a Kafka broker (unless KAFKA_BROKERS
// names one), and makes sure headless Chromium is installed. A missing piece fails the run loudly.
import { ensureChromium } from '../browser/chromium';
import { KafkaBroker } from '../kafka/kafka-broker';
import { ensureKafkaClasspath } from '../kafka/kafka-classpath';
import { startTestPostgres, TEST_POSTGRES_URL_VARIABLE } from '../postgres/test-postgres';
import { setRunInfrastructure } from './run-infrastructure';

const say = (line: string) => process.stdout.write(`test infrastructure: ${line}\n`);

async function timed<T>(what: (value: T) => string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  say(`${what(value)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return value;
}

export default async function globalSetup(): Promise<void> {
  process.stdout.write('\n');
  await timed(
    (path: string) => `Chromium at ${path}`,
    async () => ensureChromium(),
  );
  const externalKafka = process.env['KAFKA_BROKERS'];
  const [postgres, broker] = await Promise.all([
    timed((pg) => `PostgreSQL on 127.0.0.1:${pg.port}`, startTestPostgres),
    externalKafka
      ? Promise.resolve(undefined)
      : timed(
          (started: KafkaBroker) => `Kafka 3.9.1 (KRaft) on ${started.brokers}`,
          async () => {
            ensureKafkaClasspath();
            return KafkaBroker.start();
          },
        ),
  ]);
  if (externalKafka) say(`Kafka from KAFKA_BROKERS=${externalKafka}`);
  process.env[TEST_POSTGRES_URL_VARIABLE] = postgres.url('postgres');
  if (broker) process.env['KAFKA_BROKERS'] = broker.brokers;
  setRunInfrastructure({ postgres, broker });
}
