// A client revokes one of its own tokens (RFC 7009 §2.1): the records change and the TokenRevoked
// events commit together, so resource servers' denylists learn of every access token it ended.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TokenRecords, TokenRevokedEvents, type RevokedToken } from '../records';
import type { PresentedToken } from '../records/presented-token';

@Injectable()
export class RevokeToken {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: TokenRecords,
    private readonly revokedEvents: TokenRevokedEvents,
  ) {}

  handle(presented: PresentedToken, clientId: string, correlationId: string): Promise<RevokedToken[]> {
    return this.dataSource.transaction(async (tx) => {
      const revoked =
        presented.kind === 'refresh_token'
          ? // TOK-6: with the refresh token go its grant's access tokens issued to this client.
            await this.records.revokeRefreshToken(presented.record.id, 'revoked_by_client', tx)
          : await this.records.revokeAccessToken(presented.record.jti, 'revoked_by_client', tx);
      await this.revokedEvents.append(
        revoked,
        { correlationId, actor: { kind: 'tpp', id: clientId }, clientId },
        tx,
      );
      return revoked;
    });
  }
}
