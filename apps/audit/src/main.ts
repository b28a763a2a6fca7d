// The audit service as its own process (distributed mode). See libs/platform run-service.ts.
import 'reflect-metadata';
import { InProcessTransport } from '@grantline/messaging';
import { runService } from '@grantline/platform';
import { auditService } from './service';

void runService(auditService, { transport: new InProcessTransport() });
