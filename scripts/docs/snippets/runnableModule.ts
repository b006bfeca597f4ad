import * as ts from 'typescript';
import type { Snippet } from './extractSnippets';
import { snippetContexts } from './snippetContexts';

/** Maps an import specifier to the path to load instead; undefined keeps it. */
export type ImportRewrite = (specifier: string) => string | undefined;

function importText(statement: ts.ImportDeclaration, rewrite: ImportRewrite): string {
  const text = statement.getText();
  const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
  const target = rewrite(specifier);
  if (target === undefined) return text;
  const start = statement.moduleSpecifier.getStart() - statement.getStart();
  const end = statement.moduleSpecifier.getEnd() - statement.getStart();
  return `${text.slice(0, start)}${JSON.stringify(target)}${text.slice(end)}`;
}

/** The statement without `export` (and `default`): a run snippet's exports are just names. */
function unexported(statement: ts.Statement): string | undefined {
  if (ts.isExportDeclaration(statement)) return undefined;
  if (ts.isExportAssignment(statement)) return `${statement.expression.getText()};`;
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  const dropped = modifiers.filter(
    (m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword,
  );
  let text = statement.getFullText();
  const base = statement.getFullStart();
  for (const modifier of [...dropped].reverse()) {
    text = text.slice(0, modifier.getStart() - base) + text.slice(modifier.getEnd() - base);
  }
  return text;
}

/**
 * The module jest runs for a `run` snippet: its imports (and its contexts', which must be
 * runtime code) on top, everything else inside `export async function run()`, so top-level
 * `await` works under CommonJS. `export` keywords are dropped; `rewrite` may point imports
 * elsewhere (workspace dependencies the root does not have). Throws when a context only
 * declares names.
 */
export function runnableModule(snippet: Snippet, rewrite: ImportRewrite = () => undefined): string {
  const preludes = snippet.contexts.map((name) => {
    const context = snippetContexts[name];
    if (context?.runtime !== true) {
      throw new Error(
        `${snippet.file}:${snippet.line}: a run snippet cannot use context "${name}"`,
      );
    }
    return context.source;
  });
  const source = ts.createSourceFile(
    'snippet.ts',
    [...preludes, snippet.code].join('\n'),
    ts.ScriptTarget.Latest,
    true,
  );
  const imports: string[] = [];
  const body: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      imports.push(importText(statement, rewrite));
    } else {
      const text = unexported(statement);
      if (text !== undefined) body.push(text);
    }
  }
  return [...imports, '', 'export async function run(): Promise<void> {', ...body, '}', ''].join(
    '\n',
  );
}
