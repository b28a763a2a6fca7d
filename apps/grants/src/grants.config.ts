import { ServiceConfig } from '@grantline/platform';

export class GrantsConfig extends ServiceConfig {
  override PORT = 8184;
}
