// The consent service: account-access and domestic-payment consents, payment orders, the account APIs (UK Open Banking v4).
import { Module } from '@nestjs/common';

@Module({})
export class ConsentModule {}
