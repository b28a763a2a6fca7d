// The grants service as its own process (distributed mode). See libs/platform run-service.ts.
import 'reflect-metadata';
import { InProcessTransport } from '@grantline/messaging';
import { runService } from '@grantline/platform';
import { grantsService } from './service';

void runService(grantsService, { transport: new InProcessTransport() });
