// The registered TPPs, read at start-up from the JSON or YAML file GRANTLINE_CLIENTS_FILE names.
// A bad entry stops the service with one line naming the file, the client and the field.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InvalidClientMetadataError } from '../errors/registration.errors';
import type { ClientMetadata } from './client-metadata';
import { validateClientMetadata, type ClientValidationOptions } from './validate-client';

export const CLIENTS_FILE_VARIABLE = 'GRANTLINE_CLIENTS_FILE';
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ClientsFileFormat = 'json' | 'yaml';

export class ClientsFileError extends Error {
  readonly code = 'CLIENTS_FILE_INVALID';

  constructor(
    readonly file: string | undefined,
    problem: string,
    readonly clientId?: string,
    readonly field?: string,
  ) {
    super(
      file === undefined
        ? `${CLIENTS_FILE_VARIABLE} ${problem}`
        : `${CLIENTS_FILE_VARIABLE} ${file}: ${problem}`,
    );
    this.name = 'ClientsFileError';
  }
}

function formatOf(file: string): ClientsFileFormat | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

function clientEntries(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    const { clients, ...rest } = document as Record<string, unknown>;
    if (Object.keys(rest).length === 0 && Array.isArray(clients)) return clients;
  }
  return undefined;
}

function nameOf(entry: unknown, index: number): string {
  const id = (entry as { client_id?: unknown } | null)?.client_id;
  return typeof id === 'string' && /^[\x21-\x7e]{1,255}$/.test(id)
    ? `client "${id}"`
    : `client #${index + 1}`;
}

/** Parses and validates a clients document; `file` only names it in errors. */
export function parseClientsDocument(
  text: string,
  format: ClientsFileFormat,
  file: string,
  options: ClientValidationOptions = {},
): ClientMetadata[] {
  let document: unknown;
  try {
    document = format === 'json' ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    const detail = error instanceof Error ? firstLine(error.message) : 'unreadable';
    throw new ClientsFileError(file, `is not valid ${format.toUpperCase()}: ${detail}`);
  }
  const entries = clientEntries(document);
  if (!entries) throw new ClientsFileError(file, 'must be a list of clients or an object {"clients": [...]}');
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    let client: ClientMetadata;
    try {
      client = validateClientMetadata(entry, options);
    } catch (error) {
      if (!(error instanceof InvalidClientMetadataError)) throw error;
      const id = (entry as { client_id?: unknown } | null)?.client_id;
      throw new ClientsFileError(
        file,
        `${nameOf(entry, index)}: ${error.message}`,
        typeof id === 'string' ? id : undefined,
        error.field,
      );
    }
    if (seen.has(client.client_id)) {
      throw new ClientsFileError(
        file,
        `${nameOf(entry, index)} is registered twice`,
        client.client_id,
        'client_id',
      );
    }
    seen.add(client.client_id);
    return client;
  });
}

/** Reads the clients file; the format follows the extension (.json, .yaml, .yml). */
export async function readClientsFile(
  file: string,
  options: ClientValidationOptions = {},
): Promise<ClientMetadata[]> {
  const format = formatOf(file);
  if (!format) throw new ClientsFileError(file, 'must end in .json, .yaml or .yml');
  let text: string;
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) {
      throw new ClientsFileError(file, `is larger than ${MAX_FILE_BYTES} bytes`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ClientsFileError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new ClientsFileError(file, `cannot be read (${typeof code === 'string' ? code : 'error'})`);
  }
  return parseClientsDocument(text, format, file, options);
}
