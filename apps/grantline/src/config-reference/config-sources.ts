// The config classes the reference documents, where their source lives (for the comments) and
// who reads them. A new service or settings class is added here; the reference test then asks
// for the regenerated file.
import { AuthorizationServerConfig, ResourceServerConfig, ServiceConfig } from '@grantline/platform';
import { EMBEDDED_SERVICES, PER_SERVICE_VARIABLES } from '../embedded-runtime';
import { RuntimeConfig } from '../runtime.config';

export interface ConfigSource {
  heading: string;
  /** Who reads these variables, and how to read this section. */
  summary: string;
  configClass: new () => object;
  /** The class's source file, relative to the repository root. */
  file: string;
  className: string;
}

const service = (name: string) => {
  const definition = EMBEDDED_SERVICES.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`no service named ${name}`);
  return definition.configClass as new () => object;
};

export const CONFIG_SOURCES: readonly ConfigSource[] = [
  {
    heading: 'Every service',
    summary:
      'Read by each of the five services in distributed mode (`node dist/apps/<service>/src/main.js`); the embedded runtime sets HOST, PORT, DATABASE_URL, MIGRATE_ON_START and TRUST_PROXY itself.',
    configClass: ServiceConfig,
    file: 'libs/platform/src/config/service.config.ts',
    className: 'ServiceConfig',
  },
  {
    heading: 'Authorization server (authorize and token)',
    summary: 'Read by both halves of the authorization server; give both the same values.',
    configClass: AuthorizationServerConfig,
    file: 'libs/platform/src/config/authorization-server.config.ts',
    className: 'AuthorizationServerConfig',
  },
  {
    heading: 'authorize',
    summary: 'The front channel: discovery, JWKS, PAR, /authorize and the PSU pages.',
    configClass: service('authorize'),
    file: 'apps/authorize/src/authorize.config.ts',
    className: 'AuthorizeConfig',
  },
  {
    heading: 'token',
    summary: 'The back channel: /token, /introspect, /revoke.',
    configClass: service('token'),
    file: 'apps/token/src/token.config.ts',
    className: 'TokenConfig',
  },
  {
    heading: 'Resource servers (consent and grants)',
    summary:
      'Read by both resource servers to verify access tokens locally against the issuer; give both the same issuer.',
    configClass: ResourceServerConfig,
    file: 'libs/platform/src/config/resource-server.config.ts',
    className: 'ResourceServerConfig',
  },
  {
    heading: 'consent',
    summary: 'The Open Banking consent, account and payment APIs (a resource server).',
    configClass: service('consent'),
    file: 'apps/consent/src/consent.config.ts',
    className: 'ConsentConfig',
  },
  {
    heading: 'grants',
    summary: 'FAPI Grant Management (a resource server).',
    configClass: service('grants'),
    file: 'apps/grants/src/grants.config.ts',
    className: 'GrantsConfig',
  },
  {
    heading: 'audit',
    summary: 'The audit log and its compliance API (internal origin only).',
    configClass: service('audit'),
    file: 'apps/audit/src/audit.config.ts',
    className: 'AuditConfig',
  },
  {
    heading: 'Embedded runtime (`npm start`)',
    summary: `Read by the all-in-one process only. It also passes the security-profile variables, SIGNING_KEYS and the login settings to every service, and ${[...PER_SERVICE_VARIABLES, 'LOG_LEVEL'].map((v) => `\`<SERVICE>_${v}\``).join(', ')} (e.g. \`TOKEN_RATE_LIMIT_PER_MINUTE\`) to that one service.`,
    configClass: RuntimeConfig,
    file: 'apps/grantline/src/runtime.config.ts',
    className: 'RuntimeConfig',
  },
];
