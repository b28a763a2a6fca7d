// Ctrl-C or SIGTERM stops the process in order within a deadline; a second signal, or a stop that
// overruns the deadline, ends it at once so nothing hangs a rollout.

export interface ShutdownOptions {
  timeoutMs: number;
  log(message: string): void;
  exit?(code: number): never;
}

export function onShutdownSignal(stop: () => Promise<void>, options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log(`${signal} again: exiting now`);
      exit(130);
    }
    stopping = true;
    options.log(`${signal} received: shutting down`);
    const deadline = setTimeout(() => {
      options.log(`shutdown took longer than ${options.timeoutMs} ms: exiting now`);
      exit(1);
    }, options.timeoutMs);
    deadline.unref();
    stop().then(
      () => exit(0),
      (error: unknown) => {
        options.log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
