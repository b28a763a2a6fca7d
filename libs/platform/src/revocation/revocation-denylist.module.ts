// What a resource server imports to refuse revoked credentials: the Postgres denylist (give it to
// ProtectedResource as its `denylist`) with its in-memory mirror, the listener that keeps it current
// and the sweep that drops expired tokens. The service lists denylistMigrations in its migrations.
import { Module } from '@nestjs/common';
import { DenylistSweep } from './denylist-sweep';
import { PostgresDenylist } from './postgres-denylist';
import { RevocationMirror } from './revocation-mirror';
import { RevocationListener } from './revocation.listener';

@Module({
  controllers: [RevocationListener],
  providers: [RevocationMirror, PostgresDenylist, DenylistSweep],
  exports: [PostgresDenylist],
})
export class RevocationDenylistModule {}
