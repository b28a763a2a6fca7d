// TokenRevoked for each token a revocation ended, appended in the caller's transaction so the
// records and the events commit together. One stream per token (`access-token-<jti>`,
// `refresh-token-<id>`): a token is revoked at most once (the update only matches unrevoked rows,
// and row locks serialise concurrent revocations), so appends never race on a stream.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventMetadata } from '@grantline/contracts';
import { EventStore } from '@grantline/event-store';
import type { RevokedToken } from './token-record';

export const tokenStreamId = (token: Pick<RevokedToken, 'tokenKind' | 'tokenId'>): string =>
  `${token.tokenKind === 'access_token' ? 'access-token' : 'refresh-token'}-${token.tokenId}`;

@Injectable()
export class TokenRevokedEvents {
  constructor(private readonly events: EventStore) {}

  async append(revoked: readonly RevokedToken[], metadata: EventMetadata, tx: EntityManager): Promise<void> {
    for (const token of revoked) {
      await this.events.append(
        tokenStreamId(token),
        'any',
        [{ type: 'TokenRevoked', data: token }],
        metadata,
        {
          transaction: tx,
        },
      );
    }
  }
}
