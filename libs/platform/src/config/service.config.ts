// What every Grantline service reads from its environment. Services extend this class.
// Defaults are the secure ones: loopback only, no trusted proxies, migrations by a separate job.
import {
  ArrayNotEmpty,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { BooleanFromEnv, IntegerFromEnv, IsAddressOrRange, ListFromEnv } from './config-decorators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ServiceConfig {
  /** The address the HTTP server listens on; 0.0.0.0 in a container. */
  @IsIP(undefined, { message: 'HOST must be an IP address to listen on (e.g. 127.0.0.1 or 0.0.0.0)' })
  HOST = '127.0.0.1';

  /** The HTTP port; each service has its own default. */
  @IntegerFromEnv()
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT = 8080;

  /** The PostgreSQL server and database; the login role owns the service's schema. */
  @IsDefined({ message: 'DATABASE_URL is required (postgres://user:password@host:port/database)' })
  @IsString({ message: 'DATABASE_URL must be a postgres:// URL' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** Apply pending migrations at start; off in production, where `main.js migrate` runs as a Job. */
  @BooleanFromEnv()
  @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' })
  MIGRATE_ON_START = false;

  /** JSON log level (pino); credentials are redacted at every level. */
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Largest request body accepted; a larger one is refused with 413 in the service's error format. */
  @IntegerFromEnv()
  @IsInt({ message: 'HTTP_BODY_LIMIT_BYTES must be an integer between 1024 and 10485760' })
  @Min(1024, { message: 'HTTP_BODY_LIMIT_BYTES must be an integer between 1024 and 10485760' })
  @Max(10 * 1024 * 1024, { message: 'HTTP_BODY_LIMIT_BYTES must be an integer between 1024 and 10485760' })
  HTTP_BODY_LIMIT_BYTES = 64 * 1024;

  /** Requests per minute per client address (or client), counted per replica; 429 beyond it. */
  @IntegerFromEnv()
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a positive integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be a positive integer' })
  RATE_LIMIT_PER_MINUTE = 600;

  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-* headers are believed. None by default. */
  @ListFromEnv()
  @IsAddressOrRange({
    each: true,
    message: 'TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges',
  })
  TRUST_PROXY: string[] = [];

  /** How long a graceful stop (SIGTERM: close the server, drain the outbox) may take before the process exits anyway. */
  @IntegerFromEnv()
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Min(100, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Max(60000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  SHUTDOWN_TIMEOUT_MS = 4000;

  /**
   * HTTPS at the service itself (TLS-1, MTLS-1): the server certificate chain and its private key
   * (PEM files). With them the service asks every client for a certificate but never refuses a
   * connection for lacking one; the endpoints decide (health stays reachable without one).
   */
  @IsOptional()
  @IsString({ message: 'TLS_CERT_FILE must be a path to a PEM certificate chain' })
  TLS_CERT_FILE?: string;

  @ValidateIf(
    (config: ServiceConfig) => config.TLS_CERT_FILE !== undefined || config.TLS_KEY_FILE !== undefined,
  )
  @IsDefined({ message: 'TLS_KEY_FILE is required with TLS_CERT_FILE (and TLS_CERT_FILE with TLS_KEY_FILE)' })
  @IsString({ message: 'TLS_KEY_FILE must be a path to a PEM private key' })
  TLS_KEY_FILE?: string;

  /**
   * CAs (PEM bundle) that issue TPPs' certificates for tls_client_auth (RFC 8705 §2.1), used for the
   * TLS handshake and for certificates a trusted proxy forwards. Unset: no certificate counts as
   * CA-issued (self_signed_tls_client_auth and certificate-bound tokens still work).
   */
  @IsOptional()
  @IsString({ message: 'TLS_CLIENT_CA_FILE must be a path to a PEM CA bundle' })
  TLS_CLIENT_CA_FILE?: string;

  /**
   * Trusted-proxy mode (MTLS-1): the header in which a TLS-terminating proxy forwards the client
   * certificate (URL-encoded PEM or base64 DER), believed only from CLIENT_CERT_TRUSTED_PROXIES.
   */
  @ValidateIf(
    (config: ServiceConfig) =>
      config.CLIENT_CERT_HEADER !== undefined || config.CLIENT_CERT_TRUSTED_PROXIES.length > 0,
  )
  @IsDefined({ message: 'CLIENT_CERT_HEADER is required with CLIENT_CERT_TRUSTED_PROXIES' })
  @Matches(/^[A-Za-z0-9-]{1,100}$/, { message: 'CLIENT_CERT_HEADER must be an HTTP header name' })
  CLIENT_CERT_HEADER?: string;

  /**
   * Addresses (or CIDR ranges, e.g. an ingress controller's pod range) of the proxies whose
   * CLIENT_CERT_HEADER is believed; required with the header.
   */
  @ListFromEnv()
  @ValidateIf((config: ServiceConfig) => config.CLIENT_CERT_HEADER !== undefined)
  @IsAddressOrRange({
    each: true,
    message: 'CLIENT_CERT_TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges',
  })
  @ArrayNotEmpty({ message: 'CLIENT_CERT_TRUSTED_PROXIES is required with CLIENT_CERT_HEADER' })
  CLIENT_CERT_TRUSTED_PROXIES: string[] = [];

  /** Kafka bootstrap servers (host:port, comma-separated). Unset: events stay in this process. */
  @ListFromEnv()
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}$/, {
    each: true,
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string[] = [];

  /** Partitions of the topics the service creates when missing: the most consumers per service. */
  @IntegerFromEnv()
  @IsInt({ message: 'KAFKA_TOPIC_PARTITIONS must be an integer between 1 and 1000' })
  @Min(1, { message: 'KAFKA_TOPIC_PARTITIONS must be an integer between 1 and 1000' })
  @Max(1000, { message: 'KAFKA_TOPIC_PARTITIONS must be an integer between 1 and 1000' })
  KAFKA_TOPIC_PARTITIONS = 6;

  /**
   * Put before every topic name (e.g. `uat.`): environments or test runs sharing one Kafka
   * cluster then never read each other's events. Every service of one installation needs the same.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message:
      'KAFKA_TOPIC_PREFIX must be at most 64 of the characters Kafka allows in topic names (A-Z a-z 0-9 . _ -)',
  })
  KAFKA_TOPIC_PREFIX?: string;

  /** TLS to the Kafka brokers (a SASL_SSL or SSL listener). */
  @BooleanFromEnv()
  @IsBoolean({ message: 'KAFKA_TLS must be true or false' })
  KAFKA_TLS = false;

  /** CAs (PEM bundle) that issue the brokers' certificates; the system's CAs when unset. */
  @IsOptional()
  @IsString({ message: 'KAFKA_TLS_CA_FILE must be a path to a PEM CA bundle' })
  KAFKA_TLS_CA_FILE?: string;

  /** A client certificate and key (PEM files) for brokers that authenticate clients by TLS. */
  @IsOptional()
  @IsString({ message: 'KAFKA_TLS_CERT_FILE must be a path to a PEM certificate chain' })
  KAFKA_TLS_CERT_FILE?: string;

  @ValidateIf(
    (config: ServiceConfig) =>
      config.KAFKA_TLS_CERT_FILE !== undefined || config.KAFKA_TLS_KEY_FILE !== undefined,
  )
  @IsDefined({
    message:
      'KAFKA_TLS_KEY_FILE is required with KAFKA_TLS_CERT_FILE (and KAFKA_TLS_CERT_FILE with KAFKA_TLS_KEY_FILE)',
  })
  @IsString({ message: 'KAFKA_TLS_KEY_FILE must be a path to a PEM private key' })
  KAFKA_TLS_KEY_FILE?: string;

  /**
   * SASL authentication to the brokers: plain, scram-sha-256 or scram-sha-512, with
   * KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. Only over TLS: a password never crosses in clear.
   */
  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS, {
    message: `KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
  })
  @ValidateBy(
    {
      name: 'kafkaSaslOverTls',
      validator: { validate: (_value, args) => (args?.object as ServiceConfig).KAFKA_TLS === true },
    },
    { message: 'KAFKA_SASL_MECHANISM needs KAFKA_TLS=true: a password never crosses in clear' },
  )
  KAFKA_SASL_MECHANISM?: (typeof KAFKA_SASL_MECHANISMS)[number];

  @ValidateIf((config: ServiceConfig) => config.KAFKA_SASL_MECHANISM !== undefined)
  @IsDefined({ message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
  @IsString({ message: 'KAFKA_SASL_USERNAME must be text' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((config: ServiceConfig) => config.KAFKA_SASL_MECHANISM !== undefined)
  @IsDefined({ message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
  @IsString({ message: 'KAFKA_SASL_PASSWORD must be text' })
  KAFKA_SASL_PASSWORD?: string;

  /** Replicas of the topics the service creates when missing; 3 in production. */
  @IntegerFromEnv()
  @IsInt({ message: 'KAFKA_REPLICATION_FACTOR must be an integer between 1 and 7' })
  @Min(1, { message: 'KAFKA_REPLICATION_FACTOR must be an integer between 1 and 7' })
  @Max(7, { message: 'KAFKA_REPLICATION_FACTOR must be an integer between 1 and 7' })
  KAFKA_REPLICATION_FACTOR = 1;

  /** How often the outbox relay polls when no notification wakes it. */
  @IntegerFromEnv()
  @IsInt({ message: 'OUTBOX_POLL_INTERVAL_MS must be an integer between 50 and 60000' })
  @Min(50, { message: 'OUTBOX_POLL_INTERVAL_MS must be an integer between 50 and 60000' })
  @Max(60000, { message: 'OUTBOX_POLL_INTERVAL_MS must be an integer between 50 and 60000' })
  OUTBOX_POLL_INTERVAL_MS = 1000;

  /** Publication attempts the transport refuses before an event is dead-lettered. */
  @IntegerFromEnv()
  @IsInt({ message: 'OUTBOX_MAX_ATTEMPTS must be an integer between 1 and 100' })
  @Min(1, { message: 'OUTBOX_MAX_ATTEMPTS must be an integer between 1 and 100' })
  @Max(100, { message: 'OUTBOX_MAX_ATTEMPTS must be an integer between 1 and 100' })
  OUTBOX_MAX_ATTEMPTS = 10;

  /**
   * The consumer group (and effect-ledger name) of the service's event handlers. Defaults to the
   * service's name; a second deployment that must see every event again (a replay) sets its own.
   */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9._-]{0,99}$/, {
    message: 'CONSUMER_GROUP must be lower-case letters, digits, ".", "_" or "-" (at most 100)',
  })
  CONSUMER_GROUP?: string;

  /** Attempts of a failing event handler before the event goes to the dead-letter topic. */
  @IntegerFromEnv()
  @IsInt({ message: 'CONSUMER_MAX_ATTEMPTS must be an integer between 1 and 100' })
  @Min(1, { message: 'CONSUMER_MAX_ATTEMPTS must be an integer between 1 and 100' })
  @Max(100, { message: 'CONSUMER_MAX_ATTEMPTS must be an integer between 1 and 100' })
  CONSUMER_MAX_ATTEMPTS = 5;
}
