import { SwitchboardError } from '@switchboard/core';
import { CliError } from './CliError';
import type { HintFacts } from './HintFacts';
import { hintFor } from './hintFor';

/** The authorization server's own words (`error_description`), when it gave some. */
function descriptionLine(error: SwitchboardError): string[] {
  const { description } = error.details;
  return typeof description === 'string' && description !== ''
    ? [`  the server said: ${description}`]
    : [];
}

function issueLines(error: SwitchboardError): string[] {
  const issues = error.details.issues;
  if (!Array.isArray(issues) || issues.length < 2) return [];
  return issues.map((issue: { field?: unknown; problem?: unknown }) => {
    return `  ${String(issue.field)}: ${String(issue.problem)}`;
  });
}

function causes(error: unknown): string[] {
  const lines: string[] = [];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    lines.push(
      `caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`,
    );
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines;
}

/**
 * The lines to print for an error: `error: <message>`, its details, `hint: <what to do>`; with
 * `debug`, the stack and causes too. Messages of coded errors never contain secrets.
 */
export function describeError(error: unknown, debug: boolean, facts: HintFacts = {}): string[] {
  const lines: string[] = [];
  let hint: string | undefined;
  if (error instanceof CliError) {
    lines.push(`error: ${error.message}`, ...error.details.map((d) => `  ${d}`));
    hint = error.hint;
  } else if (SwitchboardError.is(error)) {
    lines.push(`error: ${error.message}`, ...issueLines(error), ...descriptionLine(error));
    hint = hintFor(error, facts);
    if (hint === error.message) hint = undefined;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`error: ${message}`);
    hint = debug
      ? 'This looks like a bug in switchboard; please report it with the output above.'
      : 'This looks like a bug in switchboard; run again with --debug for details.';
  }
  if (hint !== undefined) lines.push(`hint: ${hint}`);
  if (debug) {
    if (error instanceof Error && error.stack !== undefined) lines.push(error.stack);
    if (SwitchboardError.is(error) && Object.keys(error.details).length > 0) {
      lines.push(`details: ${JSON.stringify(error.details)}`);
    }
    lines.push(...causes(error));
  }
  return lines;
}
