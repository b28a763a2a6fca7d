// What the deployment specs read: the repository's YAML files and the apps' own definitions.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { declaredVariables, type ServiceDefinition } from '@grantline/platform';
import { SECURITY_SETTING_VARIABLES } from '@grantline/oauth';
import { DISTRIBUTED_SERVICES } from '../dev-setup';

export const ROOT = join(__dirname, '..', '..', '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any>;

export function parseYamlDocuments(text: string, source: string): Manifest[] {
  return parseAllDocuments(text, { merge: true }).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0]?.message}`);
    const value = document.toJS() as Manifest | null;
    return value === null ? [] : [value];
  });
}

export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

export function readYaml(file: string): Manifest[] {
  return parseYamlDocuments(readFileSync(join(ROOT, file), 'utf8'), file);
}

export function serviceNamed(name: string): ServiceDefinition {
  const definition = DISTRIBUTED_SERVICES.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`no service named ${name}`);
  return definition;
}

/**
 * Every variable a service reads: its config class's, plus the security profile's for a service with
 * start-up checks (they read those from the environment: libs/oauth securitySettingsFromEnvironment).
 */
export function variablesReadBy(definition: ServiceDefinition): Set<string> {
  return new Set([
    ...declaredVariables(definition.configClass),
    ...(definition.checkEnvironment ? Object.values(SECURITY_SETTING_VARIABLES) : []),
    // Read by Node.js itself (V8 heap flags).
    'NODE_OPTIONS',
  ]);
}

export function defaultPortOf(definition: ServiceDefinition): number {
  return new definition.configClass().PORT;
}
