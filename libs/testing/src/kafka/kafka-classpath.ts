// The broker's jars, gathered once from Maven Central by scripts/kafka/pom.xml and cached under
// .cache/kafka/libs. Without Maven or the network this fails loudly: tests never skip Kafka.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MARKER = '.complete';

/** The directory holding nx.json, found from this file so dist/ and ts sources agree. */
export function repositoryRoot(from: string = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'nx.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no nx.json above ${from}: not inside the repository`);
    directory = parent;
  }
  return directory;
}

function mavenFailure(error: unknown): Error {
  const missing = (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  const reason = missing ? '`mvn` is not on PATH' : error instanceof Error ? error.message : String(error);
  return new Error(
    `Could not gather the Kafka broker's classpath with Maven (${reason}). ` +
      'Integration tests need JDK 17, Maven and access to Maven Central; see scripts/kafka/pom.xml.',
    { cause: error },
  );
}

function copyDependencies(root: string, outputDirectory: string): void {
  const args = [
    '-B',
    '-q',
    '-Dstyle.color=never',
    '-f',
    join(root, 'scripts', 'kafka', 'pom.xml'),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outputDirectory}`,
  ];
  try {
    execFileSync('mvn', args, { cwd: root, stdio: 'inherit' });
  } catch (error) {
    throw mavenFailure(error);
  }
}

/** Absolute directory of the broker's jars; downloads them (about 50 MB) on first use. */
export function ensureKafkaClasspath(): string {
  const root = repositoryRoot();
  const libs = join(root, '.cache', 'kafka', 'libs');
  // The marker is written last, so an interrupted download is redone rather than trusted.
  if (existsSync(join(libs, MARKER))) return libs;
  mkdirSync(libs, { recursive: true });
  copyDependencies(root, libs);
  writeFileSync(join(libs, MARKER), `${new Date().toISOString()}\n`);
  return libs;
}
