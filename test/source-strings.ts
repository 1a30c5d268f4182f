import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The text of every string literal, template and JSX text of a TypeScript file (comments are not
 * strings). A template with `${…}` parts gives its text with `placeholder` in each, or nothing
 * when `placeholder` is null.
 */
export function sourceStrings(file: string, placeholder: string | null): string[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    kind,
  );
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isJsxText(n))
      out.push(n.text);
    else if (ts.isTemplateExpression(n) && placeholder !== null)
      out.push(n.head.text + n.templateSpans.map((s) => placeholder + s.literal.text).join(''));
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}
