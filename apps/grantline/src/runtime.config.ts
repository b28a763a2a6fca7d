// The embedded runtime's settings. Everything has a working default: `npm start` needs none.
import {
  IsDefined,
  IsIP,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IntegerFromEnv, LOG_LEVELS, type LogLevel } from '@grantline/platform';

const port = (variable: string) => [
  IntegerFromEnv(),
  IsInt({ message: `${variable} must be an integer between 0 and 65535` }),
  Min(0, { message: `${variable} must be an integer between 0 and 65535` }),
  Max(65535, { message: `${variable} must be an integer between 0 and 65535` }),
];

function Port(variable: string): PropertyDecorator {
  return (target, key) => port(variable).forEach((decorate) => decorate(target, key));
}

export class RuntimeConfig {
  @IsIP(undefined, { message: 'GRANTLINE_HOST must be an IP address' })
  GRANTLINE_HOST = '127.0.0.1';

  /** The public origin: what TPPs and PSU browsers talk to (the Ingress in a cluster). */
  @Port('GRANTLINE_PUBLIC_PORT')
  GRANTLINE_PUBLIC_PORT = 8080;

  /** The audit API, on its own internal origin. */
  @Port('GRANTLINE_AUDIT_PORT')
  GRANTLINE_AUDIT_PORT = 8081;

  @Port('GRANTLINE_AUTHORIZE_PORT')
  GRANTLINE_AUTHORIZE_PORT = 8181;

  @Port('GRANTLINE_TOKEN_PORT')
  GRANTLINE_TOKEN_PORT = 8182;

  @Port('GRANTLINE_CONSENT_PORT')
  GRANTLINE_CONSENT_PORT = 8183;

  @Port('GRANTLINE_GRANTS_PORT')
  GRANTLINE_GRANTS_PORT = 8184;

  @Port('GRANTLINE_POSTGRES_PORT')
  GRANTLINE_POSTGRES_PORT = 54329;

  /**
   * The demo TPP's second redirect URI, http://127.0.0.1:<port>/callback: where `npm run demo`
   * listens for the bank's redirect. Nothing in the runtime listens there.
   */
  @Port('GRANTLINE_DEMO_TPP_CALLBACK_PORT')
  GRANTLINE_DEMO_TPP_CALLBACK_PORT = 8090;

  /** Embedded PostgreSQL's cluster lives here and survives restarts. */
  @IsString({ message: 'GRANTLINE_DATA_DIR must be a directory path' })
  GRANTLINE_DATA_DIR = '.data';

  /** Use this PostgreSQL instead of the embedded one. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /**
   * HTTPS on the public origin (MTLS-1): the gateway's certificate and key (PEM files); it then asks
   * clients for certificates and forwards them to the services, which trust only the loopback
   * gateway for that header. ISSUER becomes https://…. Unset (the default): plain HTTP.
   */
  @IsOptional()
  @IsString({ message: 'GATEWAY_TLS_CERT_FILE must be a path to a PEM certificate chain' })
  GATEWAY_TLS_CERT_FILE?: string;

  @ValidateIf(
    (config: RuntimeConfig) =>
      config.GATEWAY_TLS_CERT_FILE !== undefined || config.GATEWAY_TLS_KEY_FILE !== undefined,
  )
  @IsDefined({
    message: 'GATEWAY_TLS_KEY_FILE is required with GATEWAY_TLS_CERT_FILE (and the other way round)',
  })
  @IsString({ message: 'GATEWAY_TLS_KEY_FILE must be a path to a PEM private key' })
  GATEWAY_TLS_KEY_FILE?: string;

  /** CAs that issue TPPs' certificates for tls_client_auth (becomes the services' TLS_CLIENT_CA_FILE). */
  @IsOptional()
  @IsString({ message: 'GATEWAY_TLS_CLIENT_CA_FILE must be a path to a PEM CA bundle' })
  GATEWAY_TLS_CLIENT_CA_FILE?: string;
}
