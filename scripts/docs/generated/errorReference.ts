import { markdownTable } from './markdownTable';
import type { GroupedObject } from './sourceDocs';

/** Everything the error reference is rendered from. */
export interface ErrorReferenceInput {
  /** `ErrorCodes` as read from its source file: TSDoc, codes in order, `//` group headings. */
  readonly catalogue: GroupedObject;
  /** The source file, linked from the page, relative to `docs/`. */
  readonly sourceLink: string;
  /** The command that regenerates the file, named in its header. */
  readonly command: string;
}

function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

/** Renders `docs/errors.md` from the `ErrorCodes` catalogue, one section per source group. */
export function renderErrorReference(input: ErrorReferenceInput): string {
  const source = input.sourceLink.replace(/^(\.\.\/)+/, '');
  const groups = new Map<string, string[][]>();
  for (const { name, value, group } of input.catalogue.entries) {
    const title = group === '' ? 'Other' : group;
    const rows = groups.get(title) ?? [];
    rows.push([`\`${name}\``, value]);
    groups.set(title, rows);
  }
  const sections = [...groups].flatMap(([title, rows]) => [
    `## ${title}`,
    '',
    markdownTable(['code', 'meaning and what to do'], rows),
    '',
  ]);
  return [
    `<!-- Generated from ${source} by \`${input.command}\`; do not edit by hand. -->`,
    '',
    '# Error codes',
    '',
    ...(input.catalogue.doc === undefined ? [] : [input.catalogue.doc, '']),
    'Every error is a `SwitchboardError` whose `code` is one of these; test for one with',
    "`SwitchboardError.is(error, 'SB_TLS_REQUIRED')`, which works across duplicate installs.",
    '`details` adds the specifics (never a secret) and `cause` the underlying error.',
    `Source: [\`${source}\`](${input.sourceLink}).`,
    '',
    ...[...groups.keys()].map((title) => `- [${title}](#${anchor(title)})`),
    '',
    ...sections,
  ].join('\n');
}
