// A service's process as tests start it from dist/: its output kept for failure messages, started
// counted only once the process itself says it listens on its port, and started again on fresh
// ports when a port got taken between freePort() and the service's listen().
import { type ChildProcess, spawn } from 'node:child_process';

const OUTPUT_KEPT = 20_000;

export class ServiceProcess {
  private text = '';
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.text = (this.text + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** `node [flags] script [args]` with its output piped here. */
  static start(
    script: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    options: { flags?: readonly string[]; cwd?: string } = {},
  ): ServiceProcess {
    return new ServiceProcess(
      spawn(process.execPath, [...(options.flags ?? []), script, ...args], {
        cwd: options.cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  /** What it printed lately (the last 20,000 characters). */
  output(): string {
    return this.text;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}

/**
 * Waits until the process says it listens on `url`'s origin, then until `url` answers 200. Asking
 * the process, not only the port, matters: a port from freePort() can be taken by a parallel suite
 * before the service binds it, and that suite's server would answer the health check instead.
 */
export async function awaitServiceReady(
  name: string,
  service: ServiceProcess,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const listening = `listening on ${new URL(url).origin}`;
  while (Date.now() < deadline) {
    if (!service.running) throw new Error(`${name} exited during start-up:\n${service.output()}`);
    const ok =
      service.output().includes(listening) &&
      (await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
        (response) => response.status === 200,
        () => false,
      ));
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${service.output()}`);
}

/** Another process took a port between freePort() and the service's listen(). */
const portTaken = (error: unknown) => String(error).includes('EADDRINUSE');

/**
 * Runs `start` again, up to `attempts` times in all, while it fails because a port it chose was
 * taken meanwhile; `start` chooses its ports afresh and cleans up after itself when it fails.
 */
export async function retryOnTakenPort<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !portTaken(error)) throw error;
    }
  }
}
