// Start-up checks that run before anything starts, so a bad value is one line naming the variable
// (not a framework stack trace): the security profile, then whatever key material and clients file
// are configured. Absent values are the config class's business (it names what is required).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ClientsFileError, parseClientsDocument, securitySettingsFromEnvironment } from '@grantline/oauth';
import type { Environment } from '@grantline/platform';
import { type KeyVariables, sealingKeysFrom, signingKeysFrom } from './authorize-settings';

function given(env: Environment, variable: string): string | undefined {
  const value = env[variable];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function checkAuthorizeEnvironment(env: Environment): void {
  const security = securitySettingsFromEnvironment(env);
  const keys: KeyVariables = {
    SIGNING_KEYS: given(env, 'SIGNING_KEYS'),
    SIGNING_KEYS_FILE: given(env, 'SIGNING_KEYS_FILE'),
  };
  if (keys.SIGNING_KEYS !== undefined || keys.SIGNING_KEYS_FILE !== undefined)
    signingKeysFrom(keys, security);
  const sealing = given(env, 'CODE_SEALING_KEYS');
  if (sealing !== undefined) sealingKeysFrom(sealing);
  const clientsFile = given(env, 'GRANTLINE_CLIENTS_FILE');
  if (clientsFile === undefined) return;
  let text: string;
  try {
    text = readFileSync(clientsFile, 'utf8');
  } catch {
    throw new ClientsFileError(clientsFile, 'cannot be read');
  }
  const format = extname(clientsFile).toLowerCase() === '.json' ? 'json' : 'yaml';
  parseClientsDocument(text, format, clientsFile, {
    allowLoopbackHttp: given(env, 'ALLOW_LOOPBACK_HTTP_REDIRECTS')?.toLowerCase() === 'true',
    clientAuthMethods: security.clientAuthMethods,
    signingAlgorithms: security.signingAlgorithms,
  });
}
