// The denylist table's migrations, oldest first: a resource server lists them after its own.
import { AddRevokedCredentialExpiry1763900000901 } from './revoked-credentials-expiry.migration';
import { CreateRevokedCredentials1763900000900 } from './revoked-credentials.migration';
import { NotifyRevokedCredentials1763900000902 } from './revoked-credentials-notify.migration';

export const denylistMigrations = [
  CreateRevokedCredentials1763900000900,
  AddRevokedCredentialExpiry1763900000901,
  NotifyRevokedCredentials1763900000902,
] as const;
