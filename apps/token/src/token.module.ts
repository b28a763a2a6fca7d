// The token service: code redemption, access/refresh/ID tokens, introspection and revocation.
import { Module } from '@nestjs/common';
import { TokenRecords, TokenRevokedEvents } from './records';

@Module({
  providers: [TokenRecords, TokenRevokedEvents],
})
export class TokenModule {}
