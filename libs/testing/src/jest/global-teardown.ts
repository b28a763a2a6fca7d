import { takeRunInfrastructure } from './run-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infrastructure = takeRunInfrastructure();
  await Promise.all([infrastructure?.broker?.destroy(), infrastructure?.postgres.stop()]);
}
