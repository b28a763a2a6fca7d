// Every test's title, read from the test files' syntax trees (not by running jest): a test is an
// `it`/`test` call, its title the chain of enclosing `describe` titles and its own. Skipped and
// to-do tests prove nothing and are left out. Template-literal titles keep their `${…}` parts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

export interface TestTitle {
  /** Repository-relative path with forward slashes. */
  file: string;
  /** describe titles, outermost first, then the test's own title. */
  chain: string[];
}

export const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
export const TEST_ROOTS = ['apps', 'libs', 'tools', 'bench'];

type CallKind = 'describe' | 'test' | 'ignored';

const TEST_NAMES = new Set(['it', 'test']);
const IGNORED_MODIFIERS = new Set(['skip', 'todo', 'failing']);

function callKind(callee: ts.Expression): CallKind | undefined {
  // it.each(table)('title', fn) and describe.each(table)(…): the kind of the inner call's callee.
  if (ts.isCallExpression(callee)) return callKind(callee.expression);
  if (ts.isIdentifier(callee)) {
    if (callee.text === 'describe') return 'describe';
    if (TEST_NAMES.has(callee.text)) return 'test';
    if (['xit', 'xtest', 'xdescribe'].includes(callee.text)) return 'ignored';
    return undefined;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const base = callKind(callee.expression);
    if (!base || base === 'ignored') return base;
    if (IGNORED_MODIFIERS.has(callee.name.text)) return 'ignored';
    return base;
  }
  return undefined;
}

function titleText(node: ts.Expression, source: ts.SourceFile): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return (
      node.head.text +
      node.templateSpans.map((span) => `\${${span.expression.getText(source)}}${span.literal.text}`).join('')
    );
  }
  return undefined;
}

export function titlesInSource(file: string, text: string): TestTitle[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: TestTitle[] = [];
  const visit = (node: ts.Node, chain: string[]): void => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const kind = callKind(node.expression);
      const title = kind ? titleText(node.arguments[0], source) : undefined;
      if (kind && title !== undefined) {
        if (kind === 'ignored') return;
        const inner = [...chain, title];
        if (kind === 'test') found.push({ file, chain: inner });
        node.arguments.slice(1).forEach((argument) => visit(argument, inner));
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, chain));
  };
  visit(source, []);
  return found;
}

function testFilesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFilesUnder(path);
    return TEST_FILE.test(entry.name) ? [path] : [];
  });
}

/** Every test of the repository, sorted by file then position. */
export function collectTestTitles(root: string): TestTitle[] {
  return TEST_ROOTS.flatMap((dir) => testFilesUnder(join(root, dir)))
    .map((path) => relative(root, path).split(sep).join('/'))
    .sort()
    .flatMap((file) => titlesInSource(file, readFileSync(join(root, file), 'utf8')));
}

const ID_IN_TITLE = /\[([A-Z]+-\d+)\]/g;

/** The requirement IDs a test names, in its own title or an enclosing describe's. */
export function idsOf(test: TestTitle): string[] {
  return [...new Set(test.chain.flatMap((title) => [...title.matchAll(ID_IN_TITLE)].map((m) => m[1])))];
}

export const fullTitle = (test: TestTitle): string => test.chain.join(' › ');
