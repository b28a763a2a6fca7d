// Kafka as a bank runs it, from a service's configuration (KAFKA_TLS*, KAFKA_SASL_*): TLS to the
// broker and SASL authentication, on a broker of this test's own with a SASL_SSL listener whose
// certificate a throwaway CA issued.
import { ALL_TOPICS } from '@grantline/contracts';
import { KafkaTransport, type TransportMessage } from '@grantline/messaging';
import { KafkaBroker, TestCertificateAuthority, eventually, writePemFiles } from '@grantline/testing';
import { loadConfig } from '../config/load-config';
import { ServiceConfig } from '../config/service.config';
import { kafkaSettingsOf } from './kafka-settings';

const DATABASE_URL = 'postgres://grantline@127.0.0.1:5432/grantline';

describe('Kafka over TLS with SASL, from the configuration', () => {
  const [topic] = ALL_TOPICS;
  let broker: KafkaBroker;
  let files: Record<string, string>;
  const transports: KafkaTransport[] = [];

  /** The transport a service would build from these settings (the topic only, to start quickly). */
  const transportFrom = (env: Record<string, string>) => {
    const config = loadConfig(ServiceConfig, { DATABASE_URL, KAFKA_BROKERS: broker.securedBrokers, ...env });
    const settings = kafkaSettingsOf('test', config);
    if (!settings) throw new Error('no Kafka settings');
    const transport = new KafkaTransport({ ...settings, partitions: 1, topics: [topic] });
    transports.push(transport);
    return transport;
  };
  const secured = (password = 'correct-horse-battery') => ({
    KAFKA_TLS: 'true',
    KAFKA_TLS_CA_FILE: files['ca'],
    KAFKA_SASL_MECHANISM: 'plain',
    KAFKA_SASL_USERNAME: 'grantline',
    KAFKA_SASL_PASSWORD: password,
  });

  beforeAll(async () => {
    const authority = await TestCertificateAuthority.create();
    const other = await TestCertificateAuthority.create('CN=Someone Else CA');
    const server = await authority.serverCertificate();
    files = writePemFiles({ ca: authority.certificatePem, otherCa: other.certificatePem });
    broker = await KafkaBroker.start({
      securedListener: {
        certificatePem: server.certificatePem,
        privateKeyPem: server.privateKeyPem,
        users: { grantline: 'correct-horse-battery' },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(transports.map((transport) => transport.stop()));
    await broker?.destroy();
  });

  it('[TLS-1] publishes and consumes over TLS, authenticated with SASL', async () => {
    const transport = transportFrom(secured());
    const received: TransportMessage[] = [];
    await transport.subscribe({
      group: 'secured',
      topics: [topic],
      handler: async (message) => void received.push(message),
    });
    await transport.publish([{ topic, key: 'consent-1', value: 'over tls', headers: {} }]);
    await eventually(() => expect(received.map((message) => message.value)).toEqual(['over tls']), {
      timeoutMs: 30_000,
    });
  });

  it('[TLS-1] is refused with a wrong password, and without TLS', async () => {
    await expect(transportFrom(secured('guess')).start()).rejects.toThrow();
    await expect(transportFrom({}).start()).rejects.toThrow();
  });

  it('[TLS-1] refuses a broker whose certificate no trusted CA issued', async () => {
    await expect(
      transportFrom({ ...secured(), KAFKA_TLS_CA_FILE: files['otherCa'] }).start(),
    ).rejects.toThrow();
  });

  it('names the setting whose file cannot be read', () => {
    expect(() => transportFrom({ ...secured(), KAFKA_TLS_CA_FILE: '/nowhere/ca.pem' })).toThrow(
      /KAFKA_TLS_CA_FILE cannot be read \(ENOENT/,
    );
  });
});
