// The token service: code redemption, access/refresh/ID tokens, introspection and revocation.
import { Module } from '@nestjs/common';
import { IntrospectionController } from './introspection/introspection.controller';
import { TokenStatusRequests } from './introspection/token-status-request';
import { AssertionsSpentAtPar } from './reactions/assertions-spent-at-par.reactions';
import { RevocationReactions } from './reactions/revocation.reactions';
import { RecordsSweep, TokenRecords, TokenRevokedEvents } from './records';
import { RevocationController } from './revocation/revocation.controller';
import { RevokeToken } from './revocation/revoke-token';
import { TokenEndpointModule } from './token-endpoint/token-endpoint.module';

@Module({
  imports: [TokenEndpointModule],
  controllers: [IntrospectionController, RevocationController, RevocationReactions, AssertionsSpentAtPar],
  providers: [TokenRecords, TokenRevokedEvents, RecordsSweep, TokenStatusRequests, RevokeToken],
})
export class TokenModule {}
