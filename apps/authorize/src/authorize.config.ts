import { ServiceConfig } from '@grantline/platform';

export class AuthorizeConfig extends ServiceConfig {
  override PORT = 8181;
}
