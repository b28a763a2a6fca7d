// x-idempotency-key (CON-4): a repeat from the same client within 24 h returns the original
// resource; the same key with another body is refused. The key row is written in the same
// transaction as the resource, so two racing requests with one key create one resource.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sha256 } from '@grantline/crypto';
import { badRequest } from './ob-error';

const KEY = /^[\x21-\x7e]{1,40}$/;
const WINDOW_HOURS = 24;

export interface IdempotencyClaim {
  clientId: string;
  endpoint: string;
  key: string;
  rawBody: string;
  /** The id the resource gets if this request is the key's first. */
  resourceId: string;
}

/** The resource the key stands for: the one `create` just made, or an earlier request's. */
export type Idempotent<T> =
  { replay: false; resourceId: string; created: T } | { replay: true; resourceId: string };

/** The request's key: refused as missing when absent, as invalid when sent but not a key. */
export function idempotencyKeyOf(header: string | string[] | undefined): string {
  if (header === undefined) {
    throw badRequest(
      'UK.OBIE.Header.Missing',
      'x-idempotency-key is required (1 to 40 printable characters)',
    );
  }
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw badRequest(
      'UK.OBIE.Header.Invalid',
      'x-idempotency-key must be sent once, as 1 to 40 printable ASCII characters without spaces',
    );
  }
  return header;
}

@Injectable()
export class IdempotencyKeys {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims the key and, unless it replays, runs `create` in the same transaction. */
  once<T>(
    claim: IdempotencyClaim,
    create: (transaction: EntityManager) => Promise<T>,
  ): Promise<Idempotent<T>> {
    return this.dataSource.transaction(async (transaction) => {
      const earlier = await this.claim(transaction, claim);
      if (earlier !== undefined) return { replay: true, resourceId: earlier };
      return { replay: false, resourceId: claim.resourceId, created: await create(transaction) };
    });
  }

  /** Claims the key for `resourceId` inside `transaction`, or says which resource it already made. */
  private async claim(transaction: EntityManager, claim: IdempotencyClaim): Promise<string | undefined> {
    // SHA-256 of the body as sent, so only an identical body replays.
    const requestHash = sha256(claim.rawBody).toString('base64url');
    // A key older than the window is forgotten, so it may be used again.
    await transaction.query(
      `DELETE FROM idempotency_keys WHERE client_id = $1 AND endpoint = $2 AND key = $3
         AND created_at < now() - make_interval(hours => ${WINDOW_HOURS})`,
      [claim.clientId, claim.endpoint, claim.key],
    );
    const inserted: unknown[] = await transaction.query(
      `INSERT INTO idempotency_keys (client_id, endpoint, key, request_hash, resource_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
      [claim.clientId, claim.endpoint, claim.key, requestHash, claim.resourceId],
    );
    if (inserted.length > 0) return undefined;
    const [earlier]: Array<{ request_hash: string; resource_id: string }> = await transaction.query(
      'SELECT request_hash, resource_id FROM idempotency_keys WHERE client_id = $1 AND endpoint = $2 AND key = $3',
      [claim.clientId, claim.endpoint, claim.key],
    );
    if (earlier.request_hash !== requestHash) {
      throw badRequest(
        'UK.OBIE.Resource.ConsentMismatch',
        'x-idempotency-key was already used with a different request body',
      );
    }
    return earlier.resource_id;
  }
}
