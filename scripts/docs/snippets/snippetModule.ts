import type { Snippet } from './extractSnippets';
import { snippetContexts } from './snippetContexts';

/** Where a line of a generated module came from. */
export type Origin =
  | { readonly kind: 'code'; readonly snippet: Snippet }
  | { readonly kind: 'context'; readonly snippet: Snippet; readonly name: string };

/** A span of lines of the generated module. */
export interface Segment {
  /** 0-based first line in the module. */
  readonly start: number;
  readonly lines: number;
  readonly origin: Origin;
}

/** The TypeScript module a snippet becomes: its contexts, the blocks it continues, its code. */
export interface SnippetModule {
  readonly text: string;
  readonly segments: readonly Segment[];
}

function chain(snippet: Snippet): Snippet[] {
  return snippet.previous === undefined ? [snippet] : [...chain(snippet.previous), snippet];
}

/**
 * Builds the module for one snippet. `export {}` at the end makes it a module even without
 * imports, so top-level `await` works and names do not leak between snippets. Unknown context
 * names throw.
 */
export function snippetModule(snippet: Snippet): SnippetModule {
  const parts: string[] = [];
  const segments: Segment[] = [];
  const used = new Set<string>();
  let line = 0;
  const add = (text: string, origin: Origin): void => {
    const lines = text.split('\n').length;
    parts.push(text);
    segments.push({ start: line, lines, origin });
    line += lines;
  };
  for (const part of chain(snippet)) {
    for (const name of part.contexts) {
      const context = snippetContexts[name];
      if (context === undefined) {
        throw new Error(
          `${part.file}:${part.line}: unknown context "${name}" (known: ${Object.keys(snippetContexts).join(', ')})`,
        );
      }
      if (!used.has(name)) add(context.source, { kind: 'context', snippet: part, name });
      used.add(name);
    }
    add(part.code, { kind: 'code', snippet: part });
  }
  parts.push('export {};', '');
  return { text: parts.join('\n'), segments };
}

/** `README.md:27:5`, or `README.md:26 (context ui)` for a line of a prelude. */
export function locate(module: SnippetModule, line: number, column: number): string {
  const segment = module.segments.find((s) => line >= s.start && line < s.start + s.lines);
  if (segment === undefined) return '(generated end of module)';
  const { origin } = segment;
  if (origin.kind === 'context') {
    return `${origin.snippet.file}:${origin.snippet.line} (context ${origin.name})`;
  }
  return `${origin.snippet.file}:${origin.snippet.line + line - segment.start}:${column + 1}`;
}
