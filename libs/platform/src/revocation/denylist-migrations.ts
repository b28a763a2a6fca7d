// The tables every resource server keeps, oldest first: a resource server lists
// resourceServerMigrations after its own.
import { CreateResourceServerUsedJtis1763900000903 } from '../database/resource-server-used-jtis.migration';
import { AddRevokedCredentialExpiry1763900000901 } from './revoked-credentials-expiry.migration';
import { CreateRevokedCredentials1763900000900 } from './revoked-credentials.migration';
import { NotifyRevokedCredentials1763900000902 } from './revoked-credentials-notify.migration';

/** The denylist's table (revoked_credentials) and its notification trigger. */
export const denylistMigrations = [
  CreateRevokedCredentials1763900000900,
  AddRevokedCredentialExpiry1763900000901,
  NotifyRevokedCredentials1763900000902,
] as const;

/** The denylist, and the DPoP proof jtis the replicas share (used_jtis). */
export const resourceServerMigrations = [
  ...denylistMigrations,
  CreateResourceServerUsedJtis1763900000903,
] as const;
