// The token service as its own process (distributed mode). Kafka when KAFKA_BROKERS is set. See libs/platform run-service.ts.
import 'reflect-metadata';
import { runService } from '@grantline/platform';
import { tokenService } from './service';

void runService(tokenService);
