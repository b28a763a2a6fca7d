// Issues checkpoints on a timer while the service runs; a failure is logged and retried next tick.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SERVICE_CONFIG } from '@grantline/platform';
import type { AuditConfig } from '../audit.config';
import { Checkpointer } from './checkpointer';

@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    @Inject(Checkpointer) private readonly checkpointer: Checkpointer,
    @Inject(SERVICE_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.checkpointer.issue().catch((error: unknown) =>
        this.logger.warn({
          msg: 'checkpoint failed',
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }, this.config.AUDIT_CHECKPOINT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
