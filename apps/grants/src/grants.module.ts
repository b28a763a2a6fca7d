// The grants service: grants (FAPI Grant Management): GET/DELETE /grants/{grant_id}.
import { Module } from '@nestjs/common';

@Module({})
export class GrantsModule {}
