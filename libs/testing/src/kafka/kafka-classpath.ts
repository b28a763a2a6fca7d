// The broker's jars, gathered once from Maven Central by scripts/kafka/pom.xml and cached under
// .cache/kafka/libs. Without Maven or the network this fails loudly; tests never skip Kafka.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repositoryRoot(from: string = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'nx.json'))) {
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error(`no nx.json above ${from}: not inside the Grantline repository`);
    directory = parent;
  }
  return directory;
}

export function ensureKafkaClasspath(): string {
  const root = repositoryRoot();
  const libs = join(root, '.cache', 'kafka', 'libs');
  const marker = join(libs, '.complete');
  if (existsSync(marker)) return libs;
  try {
    execFileSync(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        join(root, 'scripts', 'kafka', 'pom.xml'),
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${libs}`,
      ],
      { stdio: 'inherit' },
    );
  } catch (error) {
    throw new Error(
      `could not gather the Kafka broker's classpath with Maven (JDK 17 and Maven are required for integration tests): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  writeFileSync(marker, new Date().toISOString());
  return libs;
}
