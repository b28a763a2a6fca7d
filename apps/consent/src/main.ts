// The consent service as its own process (distributed mode). See libs/platform run-service.ts.
import 'reflect-metadata';
import { InProcessTransport } from '@grantline/messaging';
import { runService } from '@grantline/platform';
import { consentService } from './service';

void runService(consentService, { transport: new InProcessTransport() });
