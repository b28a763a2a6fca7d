// The committed configuration reference must be what the config classes say today.
import { readFileSync } from 'node:fs';
import { declaredVariables } from '@grantline/platform';
import { CONFIG_SOURCES } from './config-sources';
import { CONFIGURATION_REFERENCE_FILE, generateConfigurationReference } from './generate';

describe('docs/operations/configuration.md', () => {
  let generated: string;

  beforeAll(() => {
    generated = generateConfigurationReference();
  });

  it('matches the config classes (run `npm run docs:config` after changing one)', () => {
    expect(readFileSync(CONFIGURATION_REFERENCE_FILE, 'utf8')).toBe(generated);
  });

  it('lists every variable every config class validates, as a table row', () => {
    for (const { configClass } of CONFIG_SOURCES) {
      for (const variable of declaredVariables(configClass)) {
        expect(generated).toMatch(new RegExp(`^\\| \`${variable}\` +\\|`, 'm'));
      }
    }
  });

  it('carries the comments written above the settings', () => {
    expect(generated).toContain('for stateless DPoP nonces');
    expect(generated).toContain('Kafka bootstrap servers');
  });
});
