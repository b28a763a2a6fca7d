// Issues checkpoints on a timer while the service runs, one at a time; a failure is logged and
// retried next tick.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask, SERVICE_CONFIG } from '@grantline/platform';
import type { AuditConfig } from '../audit.config';
import { Checkpointer } from './checkpointer';

@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(@Inject(Checkpointer) checkpointer: Checkpointer, @Inject(SERVICE_CONFIG) config: AuditConfig) {
    this.task = new PeriodicTask('audit checkpoints', config.AUDIT_CHECKPOINT_INTERVAL_MS, () =>
      checkpointer.issue(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
