import { renderErrorReference } from './errorReference';

describe(renderErrorReference, () => {
  const markdown = renderErrorReference({
    catalogue: {
      doc: 'The error catalogue.',
      entries: [
        { name: 'SB_A', value: 'Do a.', group: 'Configuration and loading' },
        { name: 'SB_B', value: 'Use x | y.', group: 'Configuration and loading' },
        { name: 'SB_C', value: 'Do c.', group: 'SASL and authentication' },
      ],
    },
    sourceLink: '../core/src/errors/codes.ts',
    command: 'pnpm docs:generate',
  });

  it('when rendered, names its source and the command', () => {
    expect(markdown.split('\n')[0]).toBe(
      '<!-- Generated from core/src/errors/codes.ts by `pnpm docs:generate`; do not edit by hand. -->',
    );
    expect(markdown).toContain('[`core/src/errors/codes.ts`](../core/src/errors/codes.ts)');
  });

  it('when codes are grouped, gives each group a section in source order, with a link', () => {
    const headings = markdown.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Configuration and loading', '## SASL and authentication']);
    expect(markdown).toContain('- [SASL and authentication](#sasl-and-authentication)');
    const sasl = markdown.slice(markdown.indexOf('## SASL'));
    expect(sasl).toContain('| `SB_C` | Do c. |');
    expect(sasl).not.toContain('SB_A');
  });

  it('when a hint holds a pipe, escapes it', () => {
    expect(markdown).toContain('| `SB_B` | Use x \\| y. |');
  });
});
