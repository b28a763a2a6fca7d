// What every Grantline service reads from its environment. Services extend this class.
// Defaults are the secure ones: loopback only, no trusted proxies, migrations by a separate job.
import { IsBoolean, IsDefined, IsIn, IsInt, IsIP, IsString, Matches, Max, Min } from 'class-validator';
import { BooleanFromEnv, IntegerFromEnv, ListFromEnv } from './config-decorators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ServiceConfig {
  @IsIP(undefined, { message: 'HOST must be an IP address to listen on (e.g. 127.0.0.1 or 0.0.0.0)' })
  HOST = '127.0.0.1';

  @IntegerFromEnv()
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT = 8080;

  @IsDefined({ message: 'DATABASE_URL is required (postgres://user:password@host:port/database)' })
  @IsString({ message: 'DATABASE_URL must be a postgres:// URL' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @BooleanFromEnv()
  @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' })
  MIGRATE_ON_START = false;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IntegerFromEnv()
  @IsInt({ message: 'HTTP_BODY_LIMIT_BYTES must be an integer between 1024 and 10485760' })
  @Min(1024, { message: 'HTTP_BODY_LIMIT_BYTES must be an integer between 1024 and 10485760' })
  @Max(10 * 1024 * 1024, { message: 'HTTP_BODY_LIMIT_BYTES must be an integer between 1024 and 10485760' })
  HTTP_BODY_LIMIT_BYTES = 64 * 1024;

  @IntegerFromEnv()
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a positive integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be a positive integer' })
  RATE_LIMIT_PER_MINUTE = 600;

  /** Addresses of reverse proxies whose X-Forwarded-* headers are believed. None by default. */
  @ListFromEnv()
  @IsIP(undefined, { each: true, message: 'TRUST_PROXY must be a comma-separated list of IP addresses' })
  TRUST_PROXY: string[] = [];

  @IntegerFromEnv()
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Min(100, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Max(60000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  SHUTDOWN_TIMEOUT_MS = 4000;
}
