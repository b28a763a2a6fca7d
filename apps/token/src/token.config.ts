import { ServiceConfig } from '@grantline/platform';

export class TokenConfig extends ServiceConfig {
  override PORT = 8182;
}
