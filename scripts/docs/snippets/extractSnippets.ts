import { defaultDirective, parseDirective, type SnippetDirective } from './directive';

/** One ```ts block of a Markdown file and what to do with it. */
export interface Snippet extends SnippetDirective {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the block's first line of code. */
  readonly line: number;
  readonly code: string;
  /** The block this one continues, when `continues`. */
  readonly previous?: Snippet;
}

/** The snippets of one file, and what was wrong with its markers. */
export interface Extraction {
  readonly snippets: readonly Snippet[];
  readonly problems: readonly string[];
}

const MARKER = /^\s*<!--\s*snippet:(.*?)-->\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;
const TS = new Set(['ts', 'typescript']);

/**
 * Reads every ```ts (or ```typescript) block of `markdown`. A block takes the
 * `<!-- snippet: ... -->` marker on the nearest non-blank line above it, else `fallback`
 * (by default: compile, no context). A marker must be followed by a ts block.
 */
export function extractSnippets(
  file: string,
  markdown: string,
  fallback: SnippetDirective = defaultDirective,
): Extraction {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  const problems: string[] = [];
  let marker: { directive: SnippetDirective | undefined; line: number } | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i] ?? '';
    const markerMatch = MARKER.exec(text);
    if (markerMatch !== null) {
      if (marker !== undefined)
        problems.push(`${file}:${marker.line}: marker not followed by a ts block`);
      try {
        marker = { directive: parseDirective(markerMatch[1] ?? ''), line: i + 1 };
      } catch (error) {
        problems.push(`${file}:${i + 1}: ${(error as Error).message}`);
        marker = { directive: undefined, line: i + 1 };
      }
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence === null) {
      if (text.trim() !== '' && marker !== undefined) {
        problems.push(`${file}:${marker.line}: marker not followed by a ts block`);
        marker = undefined;
      }
      continue;
    }
    const [, delimiter = '```', language = ''] = fence;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').trim().startsWith(delimiter)) end += 1;
    i = end;
    if (!TS.has(language.toLowerCase())) {
      if (marker !== undefined)
        problems.push(`${file}:${marker.line}: marker not followed by a ts block`);
      marker = undefined;
      continue;
    }
    const directive = marker === undefined ? fallback : marker.directive;
    marker = undefined;
    if (directive === undefined) continue; // its marker was already reported
    const previous = snippets.at(-1);
    if (directive.continues && (previous === undefined || previous.mode === 'skip')) {
      problems.push(`${file}:${start + 1}: continues, but no compiled ts block comes before it`);
      continue;
    }
    snippets.push({
      ...directive,
      file,
      line: start + 1,
      code: lines.slice(start, end).join('\n'),
      ...(directive.continues && previous !== undefined ? { previous } : {}),
    });
  }
  if (marker !== undefined)
    problems.push(`${file}:${marker.line}: marker not followed by a ts block`);
  return { snippets, problems };
}
