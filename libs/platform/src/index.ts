// The shared NestJS bootstrap every Grantline service runs on.
export { ConfigError, declaredVariables, loadConfig, type Environment } from './config/load-config';
export { BooleanFromEnv, IntegerFromEnv, ListFromEnv } from './config/config-decorators';
export { LOG_LEVELS, ServiceConfig, type LogLevel } from './config/service.config';
export { ResourceServerConfig } from './config/resource-server.config';
export { AuthorizationServerConfig } from './config/authorization-server.config';
export {
  REDACTED,
  REDACTED_LOG_PATHS,
  CREDENTIAL_HEADERS,
  CREDENTIAL_PARAMETERS,
  redactUrl,
} from './logging/redaction';
export {
  ServiceLogger,
  createServiceLogger,
  loggerOptions,
  logRequests,
  requestLogLevel,
  serializeRequest,
} from './logging/logger';
export { assignRequestIdentity, requestIdentity, type RequestIdentity } from './http/request-identity';
export type { RateLimitHook } from './http/harden-http';
export { PostOnlyEndpoint } from './http/post-only-endpoint';
export { type ClientErrorHandler, clientErrorAnswerer } from './http/client-errors';
export {
  oauthErrorFormat,
  openBankingErrorFormat,
  kindOfStatus,
  type ErrorFormat,
  type FrameworkErrorKind,
} from './errors/error-format';
export {
  rendersProtocolProblem,
  type ProblemContext,
  type ProtocolProblem,
  type RendersProtocolProblem,
} from './errors/protocol-problem';
export { renderError } from './errors/render-error';
export { isDependencyOutage } from './errors/dependency-outage';
export { ProtocolExceptionFilter } from './errors/protocol-exception.filter';
export { EVENT_TRANSPORT, type TransportHealth } from './health/event-transport-health';
export { createMetricsRegistry, instrumentHttp, HTTP_DURATION_METRIC } from './metrics/metrics';
export {
  migrateServiceSchema,
  openServiceDatabase,
  serviceDataSourceOptions,
  type MigrationList,
  type ServiceDatabaseOptions,
} from './database/service-database';
export { BackboneModule, OutboxRelayLifecycle } from './backbone/backbone.module';
export { consumerObserver, relayObserver } from './backbone/backbone-metrics';
export {
  SERVICE_CONFIG,
  SERVICE_NAME,
  type ServiceCommand,
  type ServiceDefinition,
  type ServiceRuntime,
} from './bootstrap/service-definition';
export { createServiceApp } from './bootstrap/create-service-app';
export { loadConfigOrExit, runService, type StandaloneRuntime } from './bootstrap/run-service';
export { onShutdownSignal, type ShutdownOptions } from './bootstrap/shutdown';
export { PeriodicTask } from './scheduling/periodic-task';
export { PeriodicSweep } from './scheduling/periodic-sweep';
export { JTI_REPLAY_STORE, PostgresJtiReplayStore } from './database/postgres-jti-replay-store';
export {
  TLS12_CIPHERS,
  clientCertificateConfigOf,
  servesTls,
  tlsServerOptions,
  type ClientCertificateConfig,
  type TlsFileSettings,
} from './tls/tls-server';
export {
  apiReferencePath,
  buildOpenApiDocument,
  publishApiReference,
  type ApiReference,
} from './api-reference/api-reference';
export {
  ApiFormBody,
  ApiOAuthErrors,
  ApiOpenBankingErrors,
  CLIENT_AUTHENTICATION_FIELDS,
  FORM_ENCODED,
  OAUTH_ERROR_SCHEMA,
  OPEN_BANKING_ERROR_SCHEMA,
} from './api-reference/protocol-schemas';
export { OPERATIONAL_PATHS, isOperationalPath } from './http/operational-paths';
export {
  PostgresDenylist,
  type RevokedCredentialQuery,
  type RevokedKind,
} from './revocation/postgres-denylist';
export {
  RevocationMirror,
  REVOCATION_MIRROR_OPTIONS,
  type RevocationMirrorOptions,
} from './revocation/revocation-mirror';
export { RevocationListener } from './revocation/revocation.listener';
export { RevocationDenylistModule } from './revocation/revocation-denylist.module';
export { CreateRevokedCredentials1763900000900 } from './revocation/revoked-credentials.migration';
export { denylistMigrations, resourceServerMigrations } from './revocation/denylist-migrations';
export { DenylistSweep } from './revocation/denylist-sweep';
