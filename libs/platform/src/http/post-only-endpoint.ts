// The OAuth endpoints that take POST only (PAR: RFC 9126 §2, PAR-5; /token: RFC 6749 §3.2;
// /introspect: RFC 7662 §2.1; /revoke: RFC 7009 §2.1): another method gets 405 in the service's
// error format, not a 404 that reads as "no such endpoint". Their controllers extend this. The
// 405 handlers stay out of the API reference: they are not operations a client can use.
import { Delete, Get, MethodNotAllowedException, Patch, Put } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';

export abstract class PostOnlyEndpoint {
  @Get()
  @ApiExcludeEndpoint()
  get(): never {
    throw new MethodNotAllowedException();
  }

  @Put()
  @ApiExcludeEndpoint()
  put(): never {
    throw new MethodNotAllowedException();
  }

  @Patch()
  @ApiExcludeEndpoint()
  patch(): never {
    throw new MethodNotAllowedException();
  }

  @Delete()
  @ApiExcludeEndpoint()
  delete(): never {
    throw new MethodNotAllowedException();
  }
}
