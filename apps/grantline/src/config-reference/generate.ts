// The configuration reference as the repository should hold it, and where it lives.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_SOURCES } from './config-sources';
import { renderConfigurationReference } from './render-reference';
import { propertyComments } from './source-comments';

/** The repository root: sources are read from there whether this runs from apps/ or dist/apps/. */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('docs:config: not inside the Grantline repository');
    dir = parent;
  }
  return dir;
}

export const CONFIGURATION_REFERENCE_FILE = join(repositoryRoot(), 'docs', 'operations', 'configuration.md');

export function generateConfigurationReference(): string {
  const root = repositoryRoot();
  return renderConfigurationReference(CONFIG_SOURCES, (source) =>
    propertyComments(join(root, source.file), source.className),
  );
}
