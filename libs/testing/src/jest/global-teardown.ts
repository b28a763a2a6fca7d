import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { takeRunInfrastructure } from './run-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infrastructure = takeRunInfrastructure();
  await Promise.all([infrastructure?.broker?.destroy(), infrastructure?.postgres.stop()]);
  if (infrastructure) rmSync(dirname(infrastructure.postgres.dataDir), { recursive: true, force: true });
}
