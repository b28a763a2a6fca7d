// The token service: code redemption, access/refresh/ID tokens, introspection and revocation.
import { Module } from '@nestjs/common';

@Module({})
export class TokenModule {}
