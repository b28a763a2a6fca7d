// The grants service as its own process (distributed mode). Kafka when KAFKA_BROKERS is set. See libs/platform run-service.ts.
import 'reflect-metadata';
import { runService } from '@grantline/platform';
import { grantsService } from './service';

void runService(grantsService);
