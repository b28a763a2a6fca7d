// A provider whose `sweep()` runs as a PeriodicTask while the application runs: started when the
// application has bootstrapped, stopped (the run in progress awaited) when it shuts down. The
// housekeeping of every service (expired state, token records, the denylist, consent expiry,
// payment hand-overs) extends it and only says what one sweep does.
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

export abstract class PeriodicSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  protected constructor(name: string, intervalMs: number) {
    this.task = new PeriodicTask(name, intervalMs, () => this.sweep());
  }

  /** One sweep; tests call it directly with their own clock. */
  abstract sweep(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
