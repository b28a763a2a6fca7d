// What a resource server imports to refuse revoked credentials: the Postgres denylist (give it to
// ProtectedResource as its `denylist`) and the listener that keeps it current. The service lists
// CreateRevokedCredentials in its migrations.
import { Module } from '@nestjs/common';
import { PostgresDenylist } from './postgres-denylist';
import { RevocationListener } from './revocation.listener';

@Module({
  controllers: [RevocationListener],
  providers: [PostgresDenylist],
  exports: [PostgresDenylist],
})
export class RevocationDenylistModule {}
