// The comments written above each setting in a config class's source, read with the TypeScript
// compiler's parser (no type checking): they are the operator-facing description of the variable.
import { readFileSync } from 'node:fs';
import * as ts from 'typescript';

/** A class's properties in declaration order, each with the comment above it ('' when none). */
export function propertyComments(file: string, className: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const comments = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) && node.name?.text === className) {
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const ranges = ts.getLeadingCommentRanges(text, member.getFullStart()) ?? [];
        comments.set(
          member.name.text,
          ranges.map((range) => commentText(text.slice(range.pos, range.end))).join(' '),
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (comments.size === 0) throw new Error(`${file}: class ${className} declares no settings`);
  return comments;
}

/** `/** … *\/` or `// …` as one line of prose. */
function commentText(comment: string): string {
  return comment
    .replace(/^\/\*\*?|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*(\*|\/\/)\s?/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
