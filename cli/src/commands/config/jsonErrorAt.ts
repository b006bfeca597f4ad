/** Where JSON text stops being valid, for error messages people can act on. */
export interface JsonErrorPlace {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  /** The parser's reason, without its position and without quoting the text. */
  readonly reason: string;
}

/** Does `prefix` parse, or fail only because it ends early (at its end)? */
function viable(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    if (at !== null) return Number(at[1]) >= prefix.length;
    return /Unexpected end of JSON input/.test(message);
  }
}

/** The offset of the first character that makes `text` invalid JSON. */
function offsetOf(text: string, message: string): number {
  const at = /at position (\d+)/.exec(message);
  if (at !== null) return Number(at[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  // The engine did not say where (e.g. "Unexpected token"): after the longest viable prefix.
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (viable(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The line and column at which `JSON.parse(text)` failed with `error`, and why. The reason never
 * quotes the text (a config file may hold something the user would rather not see echoed).
 */
export function jsonErrorAt(text: string, error: unknown): JsonErrorPlace {
  const message = error instanceof Error ? error.message : String(error);
  const offset = Math.min(offsetOf(text, message), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Unexpected token '\s*'$/s, 'Unexpected character');
  return { line, column, reason };
}
