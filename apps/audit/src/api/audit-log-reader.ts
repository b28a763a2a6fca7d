// Reads the log for compliance (AUD-3): filters on the indexed columns, pages by position. The
// subject is looked up by its pseudonym, computed from the raw id the officer gave.
import type { DataSource } from 'typeorm';
import type { MaskedEvent } from '../log/audit-entry';
import type { Masker } from '../masking/masker';
import type { AuditFilters } from './audit-query.request';

export interface AuditRecordView {
  seq: number;
  ingestedAt: string;
  event: MaskedEvent;
  leafHash: string;
}

export interface RecordPage {
  records: AuditRecordView[];
  /** Position to continue after; absent on the last page. */
  nextCursor?: string;
}

export class AuditLogReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly masker: Masker,
  ) {}

  async page(filters: AuditFilters, afterSeq: number, limit: number, upToSeq?: number): Promise<RecordPage> {
    const conditions = ['seq > $1'];
    const parameters: unknown[] = [afterSeq];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (filters.consentId) where('consent_ids @> ARRAY[?]::text[]', filters.consentId);
    if (filters.grantId) where('grant_id = ?', filters.grantId);
    if (filters.clientId) where('client_id = ?', filters.clientId);
    if (filters.subject) where('subject_pseudonym = ?', this.masker.subjectPseudonym(filters.subject));
    if (filters.eventType) where('event_type = ?', filters.eventType);
    if (filters.from) where('occurred_at >= ?', filters.from);
    if (filters.to) where('occurred_at < ?', filters.to);
    if (upToSeq !== undefined) where('seq <= ?', upToSeq);
    parameters.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT seq, ingested_at, record, leaf_hash FROM audit_records
       WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT $${parameters.length}`,
      parameters,
    )) as Array<{ seq: string; ingested_at: Date; record: MaskedEvent; leaf_hash: Buffer }>;
    const records = rows.slice(0, limit).map((row) => ({
      seq: Number(row.seq),
      ingestedAt: row.ingested_at.toISOString(),
      event: row.record,
      leafHash: row.leaf_hash.toString('base64url'),
    }));
    return rows.length > limit
      ? { records, nextCursor: String(records[records.length - 1].seq) }
      : { records };
  }
}
