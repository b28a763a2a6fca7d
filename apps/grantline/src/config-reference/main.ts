// `npm run docs:config`: writes docs/operations/configuration.md from the config classes.
// `npm run docs:config -- --check` exits 1 when the committed file is stale (CI runs the same
// comparison as a unit test).
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { CONFIGURATION_REFERENCE_FILE, generateConfigurationReference } from './generate';

function main(): void {
  const generated = generateConfigurationReference();
  const check = process.argv.includes('--check');
  let committed = '';
  try {
    committed = readFileSync(CONFIGURATION_REFERENCE_FILE, 'utf8');
  } catch {
    // Not written yet: stale by definition.
  }
  if (check) {
    const stale = committed !== generated;
    process.stderr.write(
      stale
        ? `docs:config: ${CONFIGURATION_REFERENCE_FILE} is stale; run npm run docs:config\n`
        : 'docs:config: up to date\n',
    );
    process.exitCode = stale ? 1 : 0;
    return;
  }
  writeFileSync(CONFIGURATION_REFERENCE_FILE, generated);
  process.stderr.write(`docs:config: wrote ${CONFIGURATION_REFERENCE_FILE}\n`);
}

main();
