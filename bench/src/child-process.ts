// The servers a bench measures run as child processes: wait for the line that says one is up, and
// stop it (and wait for it) afterwards.
import type { ChildProcess } from 'node:child_process';

/** Resolves once the child prints `marker` (on stdout or stderr); rejects if it exits first. */
export function started(child: ChildProcess, marker: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(marker)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before starting:\n${output}`)));
  });
}

/** Stops the child with SIGTERM; resolves once it has exited (at once if it already had). */
export function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}
