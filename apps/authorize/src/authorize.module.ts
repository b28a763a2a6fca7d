// The authorize service: PAR requests, authorization sessions, PSU login and consent pages, code issuance.
import { Module } from '@nestjs/common';

@Module({})
export class AuthorizeModule {}
