import { IsString, Matches } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service.config';

const DATABASE_URL = 'postgres://grantline:s3cret-password@127.0.0.1:5432/grantline';

class TokenLikeConfig extends ServiceConfig {
  override PORT = 8182;

  @IsString()
  @Matches(/^[a-z]+$/, { message: 'SIGNING_KEY_ID must be lower-case letters' })
  SIGNING_KEY_ID = 'primary';
}

function problemOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(TokenLikeConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies secure defaults: loopback, no trusted proxy, migrations by a separate job', () => {
    const config = loadConfig(TokenLikeConfig, { DATABASE_URL });
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 8182,
      TRUST_PROXY: [],
      MIGRATE_ON_START: false,
      LOG_LEVEL: 'info',
      HTTP_BODY_LIMIT_BYTES: 65536,
    });
  });

  it('converts numbers, booleans and lists from their environment strings', () => {
    const config = loadConfig(TokenLikeConfig, {
      DATABASE_URL,
      PORT: '9000',
      MIGRATE_ON_START: 'TRUE',
      TRUST_PROXY: '10.0.0.1, 10.0.0.2',
    });
    expect(config.PORT).toBe(9000);
    expect(config.MIGRATE_ON_START).toBe(true);
    expect(config.TRUST_PROXY).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it.each([
    [{ DATABASE_URL, PORT: 'eighty' }, 'PORT', /PORT must be an integer between 0 and 65535/],
    [{ DATABASE_URL, PORT: '70000' }, 'PORT', /PORT must be an integer/],
    [{}, 'DATABASE_URL', /DATABASE_URL is required/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL, MIGRATE_ON_START: 'yes' }, 'MIGRATE_ON_START', /MIGRATE_ON_START must be true or false/],
    [{ DATABASE_URL, LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /LOG_LEVEL must be one of/],
    [
      { DATABASE_URL, TRUST_PROXY: '10.0.0.1,proxy.local' },
      'TRUST_PROXY',
      /TRUST_PROXY must be a comma-separated list/,
    ],
    [
      { DATABASE_URL, KAFKA_TOPIC_PREFIX: 'uat/' },
      'KAFKA_TOPIC_PREFIX',
      /KAFKA_TOPIC_PREFIX must be at most 64 of the characters Kafka allows/,
    ],
    [
      {
        DATABASE_URL,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      },
      'KAFKA_SASL_MECHANISM',
      /KAFKA_SASL_MECHANISM needs KAFKA_TLS=true/,
    ],
    [
      { DATABASE_URL, KAFKA_TLS: 'true', KAFKA_SASL_MECHANISM: 'gssapi' },
      'KAFKA_SASL_MECHANISM',
      /KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512/,
    ],
    [
      { DATABASE_URL, KAFKA_TLS: 'true', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' },
      'KAFKA_SASL_PASSWORD',
      /KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM/,
    ],
    [
      { DATABASE_URL, KAFKA_TLS_CERT_FILE: '/etc/kafka/client.pem' },
      'KAFKA_TLS_KEY_FILE',
      /KAFKA_TLS_KEY_FILE is required with KAFKA_TLS_CERT_FILE/,
    ],
    [
      { DATABASE_URL, SIGNING_KEY_ID: 'Primary1' },
      'SIGNING_KEY_ID',
      /SIGNING_KEY_ID must be lower-case letters/,
    ],
  ])('names the variable and what is wrong in one line (%j)', (env, variable, problem) => {
    const error = problemOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes a value, because values can be secrets', () => {
    const error = problemOf({ DATABASE_URL: 'mysql://root:hunter2@db' });
    expect(error.message).not.toContain('hunter2');
  });

  it('ignores variables the class does not declare', () => {
    const config = loadConfig(TokenLikeConfig, { DATABASE_URL, UNRELATED: 'x' }) as unknown as Record<
      string,
      unknown
    >;
    expect(config['UNRELATED']).toBeUndefined();
  });
});
