/** What the snippet test does with a code block. */
export type SnippetMode = 'compile' | 'run' | 'skip';

/** A parsed `<!-- snippet: ... -->` marker. */
export interface SnippetDirective {
  readonly mode: SnippetMode;
  /** Named preludes (see `snippetContexts`) placed, unseen, before the code. */
  readonly contexts: readonly string[];
  /** The block goes on from the previous `ts` block of the same file (its names are in scope). */
  readonly continues: boolean;
  /** Why a skipped block is not compiled; required for `skip`. */
  readonly reason?: string;
}

/** A block without a marker is compiled, with no context: no snippet escapes by default. */
export const defaultDirective: SnippetDirective = {
  mode: 'compile',
  contexts: [],
  continues: false,
};

const MODES: readonly string[] = ['compile', 'run', 'skip'];

/**
 * Parses the text after `snippet:`: a mode, then `;`-separated clauses:
 * `context: a, b`, `continues`, `reason: text`. Throws on anything else.
 */
export function parseDirective(text: string): SnippetDirective {
  const [mode = '', ...clauses] = text.split(';').map((clause) => clause.trim());
  if (!MODES.includes(mode)) {
    throw new Error(`the mode must be compile, run or skip, not "${mode}"`);
  }
  let contexts: string[] = [];
  let continues = false;
  let reason: string | undefined;
  for (const clause of clauses) {
    const [key = '', ...rest] = clause.split(':');
    const value = rest.join(':').trim();
    if (key.trim() === 'context' && value !== '') {
      contexts = value.split(',').map((name) => name.trim());
    } else if (clause === 'continues') {
      continues = true;
    } else if (key.trim() === 'reason' && value !== '') {
      reason = value;
    } else {
      throw new Error(`unknown clause "${clause}" (context: a, b | continues | reason: text)`);
    }
  }
  if (mode === 'skip' && reason === undefined) throw new Error('skip needs a reason: text');
  if (mode !== 'skip' && reason !== undefined) throw new Error('only skip takes a reason');
  if (mode === 'run' && continues) throw new Error('a run snippet must stand alone');
  return {
    mode: mode as SnippetMode,
    contexts,
    continues,
    ...(reason === undefined ? {} : { reason }),
  };
}
