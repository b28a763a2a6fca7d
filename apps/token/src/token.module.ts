// The token service: code redemption, access/refresh/ID tokens, introspection and revocation.
import { Module } from '@nestjs/common';
import { RevocationReactions } from './reactions/revocation.reactions';
import { RecordsSweep, TokenRecords, TokenRevokedEvents } from './records';

@Module({
  controllers: [RevocationReactions],
  providers: [TokenRecords, TokenRevokedEvents, RecordsSweep],
})
export class TokenModule {}
