import { ServiceConfig } from '@grantline/platform';

export class AuditConfig extends ServiceConfig {
  override PORT = 8081;
}
