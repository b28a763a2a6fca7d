// Background work a service repeats while it runs (expiring consents, evicting used jtis, issuing
// audit checkpoints): one run at a time, a failure logged and retried at the next tick, and the
// run in progress awaited on shutdown so it never races the database pool's close.
import { Logger } from '@nestjs/common';

export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.work()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, `${this.name} failed; retrying at the next tick`),
        )
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
