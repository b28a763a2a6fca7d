// The embedded runtime's event transport: delivery inside one process. Until the event backbone
// (outbox relay, consumer runtime) lands, it only reports its state to readiness checks.

export class InProcessTransport {
  readonly transportName = 'in-process';
  private stopped = false;

  async isReady(): Promise<boolean> {
    return !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}
