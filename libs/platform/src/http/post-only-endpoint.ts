// The OAuth endpoints that take POST only (PAR: RFC 9126 §2, PAR-5; /token: RFC 6749 §3.2;
// /introspect: RFC 7662 §2.1; /revoke: RFC 7009 §2.1): another method gets 405 in the service's
// error format, not a 404 that reads as "no such endpoint". Their controllers extend this.
import { Delete, Get, MethodNotAllowedException, Patch, Put } from '@nestjs/common';

export abstract class PostOnlyEndpoint {
  @Get()
  get(): never {
    throw new MethodNotAllowedException();
  }

  @Put()
  put(): never {
    throw new MethodNotAllowedException();
  }

  @Patch()
  patch(): never {
    throw new MethodNotAllowedException();
  }

  @Delete()
  delete(): never {
    throw new MethodNotAllowedException();
  }
}
