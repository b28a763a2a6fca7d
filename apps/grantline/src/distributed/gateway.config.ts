// The standalone gateway's settings (distributed mode without a Kubernetes Ingress, e.g. docker
// compose): where each routed service answers. The route table itself is the embedded runtime's.
import { IsDefined, IsIP, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IntegerFromEnv } from '@grantline/platform';

const UPSTREAM = /^https?:\/\/[^/?#\s]+$/;
const upstreamMessage = (variable: string) => ({
  message: `${variable} must be the service's base URL, e.g. http://127.0.0.1:8181 (no path)`,
});

export class StandaloneGatewayConfig {
  @IsIP(undefined, { message: 'HOST must be an IP address to listen on (e.g. 127.0.0.1 or 0.0.0.0)' })
  HOST = '127.0.0.1';

  @IntegerFromEnv()
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT = 8080;

  @IsDefined({
    message: 'GATEWAY_AUTHORIZE_URL is required (the authorize service, e.g. http://127.0.0.1:8181)',
  })
  @Matches(UPSTREAM, upstreamMessage('GATEWAY_AUTHORIZE_URL'))
  GATEWAY_AUTHORIZE_URL!: string;

  @IsDefined({ message: 'GATEWAY_TOKEN_URL is required (the token service, e.g. http://127.0.0.1:8182)' })
  @Matches(UPSTREAM, upstreamMessage('GATEWAY_TOKEN_URL'))
  GATEWAY_TOKEN_URL!: string;

  @IsDefined({ message: 'GATEWAY_CONSENT_URL is required (the consent service, e.g. http://127.0.0.1:8183)' })
  @Matches(UPSTREAM, upstreamMessage('GATEWAY_CONSENT_URL'))
  GATEWAY_CONSENT_URL!: string;

  @IsDefined({ message: 'GATEWAY_GRANTS_URL is required (the grants service, e.g. http://127.0.0.1:8184)' })
  @Matches(UPSTREAM, upstreamMessage('GATEWAY_GRANTS_URL'))
  GATEWAY_GRANTS_URL!: string;

  /** The audit API is never routed; given, the gateway's readiness includes it and the landing page names it. */
  @IsOptional()
  @Matches(UPSTREAM, upstreamMessage('GATEWAY_AUDIT_URL'))
  GATEWAY_AUDIT_URL?: string;

  /** HTTPS at the gateway (MTLS-1): it then asks for client certificates and forwards them. */
  @IsOptional()
  @IsString({ message: 'GATEWAY_TLS_CERT_FILE must be a path to a PEM certificate chain' })
  GATEWAY_TLS_CERT_FILE?: string;

  @ValidateIf(
    (config: StandaloneGatewayConfig) =>
      config.GATEWAY_TLS_CERT_FILE !== undefined || config.GATEWAY_TLS_KEY_FILE !== undefined,
  )
  @IsDefined({
    message: 'GATEWAY_TLS_KEY_FILE is required with GATEWAY_TLS_CERT_FILE (and the other way round)',
  })
  @IsString({ message: 'GATEWAY_TLS_KEY_FILE must be a path to a PEM private key' })
  GATEWAY_TLS_KEY_FILE?: string;

  @IsOptional()
  @IsString({ message: 'GATEWAY_TLS_CLIENT_CA_FILE must be a path to a PEM CA bundle' })
  GATEWAY_TLS_CLIENT_CA_FILE?: string;

  @IntegerFromEnv()
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Min(100, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Max(60000, { message: 'SHUTDOWN_TIMEOUT_MS must be an integer between 100 and 60000' })
  SHUTDOWN_TIMEOUT_MS = 4000;
}
