// Development credentials for distributed mode (docker compose), made once into a volume by a
// one-shot container: the embedded runtime's dev keys and demo TPP, plus one env file per service
// holding only the variables that service declares (authorize's sealing key never reaches consent).
// Never for production: there keys come from the operator's secret store (docs, k8s/README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditService } from '@grantline/audit-service';
import { authorizeService } from '@grantline/authorize-service';
import { consentService } from '@grantline/consent-service';
import { grantsService } from '@grantline/grants-service';
import { tokenService } from '@grantline/token-service';
import { declaredVariables, type Environment, type ServiceDefinition } from '@grantline/platform';
import { prepareDevCredentials } from '../dev-credentials';

export const DISTRIBUTED_SERVICES: readonly ServiceDefinition[] = [
  authorizeService,
  tokenService,
  consentService,
  grantsService,
  auditService,
] as ServiceDefinition[];

/** One `NAME=value` line per variable; values are single-line by construction (paths, base64url). */
function envFileText(environment: Environment): string {
  return Object.entries(environment)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => {
      if (/[\r\n]/.test(value)) throw new Error(`${name} would span lines in an env file`);
      return `${name}=${value}\n`;
    })
    .join('');
}

/** The variables of `environment` that `definition`'s config class declares. */
export function environmentFor(definition: ServiceDefinition, environment: Environment): Environment {
  const declared = new Set(declaredVariables(definition.configClass));
  return Object.fromEntries(Object.entries(environment).filter(([name]) => declared.has(name)));
}

/** Writes <dataDir>/env/<service>.env for every service; returns the files written. */
export async function prepareDistributedDevSettings(
  dataDir: string,
  issuer: string,
  env: Environment,
): Promise<string[]> {
  const credentials = await prepareDevCredentials(dataDir, issuer, env);
  const generated: Environment = {
    ...credentials.environment,
    // Each service's own development settings (the audit keys), as the embedded runtime makes them.
    ...Object.assign({}, ...DISTRIBUTED_SERVICES.map((definition) => definition.embeddedSettings?.(dataDir))),
  };
  const directory = resolve(dataDir, 'env');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return DISTRIBUTED_SERVICES.map((definition) => {
    const file = join(directory, `${definition.name}.env`);
    writeFileSync(file, envFileText(environmentFor(definition, generated)), { mode: 0o600 });
    return file;
  });
}
