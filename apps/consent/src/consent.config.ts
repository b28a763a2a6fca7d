import { ServiceConfig } from '@grantline/platform';

export class ConsentConfig extends ServiceConfig {
  override PORT = 8183;
}
