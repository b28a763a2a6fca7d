// Global setup and teardown run in the same jest parent process; this hands one to the other.
import type { EmbeddedPostgres } from '@grantline/embedded-postgres';
import type { KafkaBroker } from '../kafka/kafka-broker';

export interface RunInfrastructure {
  postgres: EmbeddedPostgres;
  broker: KafkaBroker | undefined;
}

const KEY = Symbol.for('grantline.testRunInfrastructure');
type WithInfrastructure = typeof globalThis & { [KEY]?: RunInfrastructure };

export function setRunInfrastructure(infrastructure: RunInfrastructure): void {
  (globalThis as WithInfrastructure)[KEY] = infrastructure;
}

export function takeRunInfrastructure(): RunInfrastructure | undefined {
  const infrastructure = (globalThis as WithInfrastructure)[KEY];
  delete (globalThis as WithInfrastructure)[KEY];
  return infrastructure;
}
