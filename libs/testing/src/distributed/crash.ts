// Crashes for fault tests: kill -9, no shutdown hooks, nothing flushed that was not already. A
// PostgreSQL server is a postmaster and its backends; all of them die, as when a node is lost, so
// the restart runs crash recovery instead of finding orphaned backends holding shared memory.
import { execFileSync } from 'node:child_process';
import type { EmbeddedPostgres } from '@grantline/embedded-postgres';
import type { KafkaBroker } from '../kafka/kafka-broker';

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((child) => Number.isInteger(child) && child > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL to `pid` and every descendant (stopped first, so none respawns or reparents). */
export async function killProcessTree(pid: number): Promise<void> {
  const tree: number[] = [];
  const visit = (parent: number) => {
    tree.push(parent);
    for (const child of childrenOf(parent)) visit(child);
  };
  visit(pid);
  for (const member of tree) {
    try {
      process.kill(member, 'SIGSTOP');
    } catch {
      // gone already
    }
  }
  for (const member of tree) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  const deadline = Date.now() + 10_000;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** kill -9 of the whole server, then the same cluster again (same port, same data directory). */
export async function crashAndRestartPostgres(postgres: EmbeddedPostgres): Promise<void> {
  const pid = postgres.pid;
  if (pid === undefined) throw new Error('PostgreSQL is not running');
  await killProcessTree(pid);
  await postgres.stop(); // forgets the dead process
  await postgres.start();
}

/** kill -9 of the broker's JVM, then the broker again on its ports and log.dirs. */
export async function crashAndRestartKafka(broker: KafkaBroker): Promise<void> {
  const pid = broker.pid;
  if (pid === undefined) throw new Error('the Kafka broker is not running');
  await killProcessTree(pid);
  await broker.restart();
}
