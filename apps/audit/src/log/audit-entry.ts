// One record of the audit log: its position, when it was ingested, and the masked event. The
// leaf hash covers all three; the chain hash links it to every record before it (AUD-1). The
// indexed columns (client, grant, consents, subject) are derived from the masked event, so the
// verifier can check them too.
import { sha256 } from '@grantline/crypto';
import type { MaskedValue } from '../masking/masker';
import { leafHash } from '../tamper-evidence/merkle-tree';
import { canonicalJson } from './canonical-json';

export type MaskedEvent = Record<string, MaskedValue>;

export interface AuditEntry {
  seq: number;
  ingestedAt: string;
  event: MaskedEvent;
}

export interface EntryColumns {
  eventId: string;
  eventType: string;
  occurredAt: string;
  clientId: string | null;
  grantId: string | null;
  consentIds: string[];
  subjectPseudonym: string | null;
}

export const GENESIS_CHAIN_HASH = Buffer.alloc(32);

/**
 * The leaf hash over canonicalJson({ seq, ingestedAt, event }), written out around the event's
 * canonical JSON (keys in sorted order), so the appender serialises each event once for both the
 * hash and the INSERT.
 */
export function entryLeafHash(entry: AuditEntry, eventJson = canonicalJson(entry.event)): Buffer {
  return leafHash(
    `{"event":${eventJson},"ingestedAt":${JSON.stringify(entry.ingestedAt)},"seq":${JSON.stringify(entry.seq)}}`,
  );
}

export function chainHash(previous: Uint8Array, leaf: Uint8Array): Buffer {
  return sha256(Buffer.concat([previous, leaf]));
}

const text = (value: MaskedValue | undefined): string | null => (typeof value === 'string' ? value : null);

export function entryColumns(event: MaskedEvent): EntryColumns {
  const data = (event['data'] ?? {}) as Record<string, MaskedValue>;
  const actor = (event['actor'] ?? {}) as Record<string, MaskedValue>;
  const consentIds = new Set<string>();
  if (typeof data['consentId'] === 'string') consentIds.add(data['consentId']);
  if (Array.isArray(data['consentIds'])) {
    for (const id of data['consentIds']) if (typeof id === 'string') consentIds.add(id);
  }
  return {
    eventId: String(event['id']),
    eventType: String(event['type']),
    occurredAt: String(event['occurredAt']),
    clientId: text(data['clientId']) ?? (actor['kind'] === 'tpp' ? text(actor['id']) : null),
    grantId: text(data['grantId']),
    consentIds: [...consentIds].sort(),
    subjectPseudonym: text(data['subject']) ?? (actor['kind'] === 'psu' ? text(actor['id']) : null),
  };
}
