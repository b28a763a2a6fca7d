// The token service: code redemption, access/refresh/ID tokens, introspection and revocation.
import { Module } from '@nestjs/common';
import { RevocationReactions } from './reactions/revocation.reactions';
import { RecordsSweep, TokenRecords, TokenRevokedEvents } from './records';
import { TokenEndpointModule } from './token-endpoint/token-endpoint.module';

@Module({
  imports: [TokenEndpointModule],
  controllers: [RevocationReactions],
  providers: [TokenRecords, TokenRevokedEvents, RecordsSweep],
})
export class TokenModule {}
