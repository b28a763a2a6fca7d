// The docs name tests as proof ("`[PKCE-1] rejects a request without code_challenge`"); a renamed or
// deleted test must not leave a claim behind. Every such title quoted in docs/ must be the title of
// a test that exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../config-reference/generate';

const root = repositoryRoot();
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

function filesUnder(dir: string, wanted: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, wanted);
    return wanted.test(entry.name) ? [path] : [];
  });
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** Inline code spans that start with a requirement ID, as the docs quote test titles. */
export function quotedTestTitles(markdown: string): string[] {
  return [...oneLine(markdown).matchAll(/`(\[[A-Z]+-\d+\][^`]*)`/g)].map((match) => match[1].trim());
}

describe('tests named in docs/', () => {
  const testSources = ['apps', 'libs', 'tools']
    .flatMap((dir) => filesUnder(join(root, dir), TEST_FILE))
    .map((file) => oneLine(readFileSync(file, 'utf8')))
    .join('\n');
  const docs = filesUnder(join(root, 'docs'), /\.md$/);

  it('quotes at least the threat model’s proofs', () => {
    const threatModel = readFileSync(join(root, 'docs', 'security', 'threat-model.md'), 'utf8');
    expect(quotedTestTitles(threatModel).length).toBeGreaterThan(40);
  });

  it.each(docs.map((file) => [file.slice(root.length + 1), file]))(
    '%s names only tests that exist',
    (_name, file) => {
      const missing = quotedTestTitles(readFileSync(file, 'utf8')).filter(
        (title) => !["'", '"', '`'].some((quote) => testSources.includes(`${quote}${title}${quote}`)),
      );
      expect(missing).toEqual([]);
    },
  );
});
