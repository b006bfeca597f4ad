import { parseDirective } from './directive';
import { extractSnippets } from './extractSnippets';

const md = (...lines: string[]): string => lines.join('\n');

describe(extractSnippets, () => {
  it('when a ts block has no marker, compiles it with no context', () => {
    const { snippets, problems } = extractSnippets(
      'a.md',
      md('# Title', '', '```ts', 'const a = 1;', 'a;', '```', '', '```sh', 'ls', '```'),
    );
    expect(problems).toEqual([]);
    expect(snippets).toEqual([
      {
        mode: 'compile',
        contexts: [],
        continues: false,
        file: 'a.md',
        line: 4,
        code: 'const a = 1;\na;',
      },
    ]);
  });

  it('when a marker precedes a block (blank lines allowed), applies it', () => {
    const { snippets } = extractSnippets(
      'a.md',
      md('<!-- snippet: skip; reason: pseudo-code -->', '', '```typescript', 'x', '```'),
    );
    expect(snippets).toMatchObject([{ mode: 'skip', reason: 'pseudo-code', line: 4, code: 'x' }]);
  });

  it('when a block continues, links the previous block', () => {
    const { snippets, problems } = extractSnippets(
      'a.md',
      md(
        '```ts',
        'const a = 1;',
        '```',
        'text',
        '<!-- snippet: compile; continues -->',
        '```ts',
        'a;',
        '```',
      ),
    );
    expect(problems).toEqual([]);
    expect(snippets[1]?.previous).toBe(snippets[0]);
  });

  it('when an unmarked block has a file fallback, uses it; a marker still wins', () => {
    const fallback = parseDirective('compile; context: switchboard');
    const { snippets } = extractSnippets(
      'a.md',
      md('```ts', 'a', '```', '<!-- snippet: run -->', '```ts', 'b', '```'),
      fallback,
    );
    expect(snippets.map((s) => [s.mode, s.contexts])).toEqual([
      ['compile', ['switchboard']],
      ['run', []],
    ]);
  });

  it.each([
    ['text between', md('<!-- snippet: run -->', 'Some text.', '```ts', 'a', '```')],
    ['another language', md('<!-- snippet: run -->', '```sh', 'ls', '```')],
    ['the end of the file', md('```ts', 'a', '```', '<!-- snippet: run -->')],
  ])('when a marker is followed by %s, reports it', (_, markdown) => {
    expect(extractSnippets('a.md', markdown).problems).toEqual([
      expect.stringMatching(/^a\.md:\d+: marker not followed by a ts block$/),
    ]);
  });

  it('when a marker does not parse, reports it with its line and leaves the block out', () => {
    const { snippets, problems } = extractSnippets(
      'a.md',
      md('', '<!-- snippet: compiled -->', '```ts', 'a', '```'),
    );
    expect(problems).toEqual(['a.md:2: the mode must be compile, run or skip, not "compiled"']);
    expect(snippets).toEqual([]);
  });

  it('when the first block continues, reports it', () => {
    const { problems } = extractSnippets(
      'a.md',
      md('<!-- snippet: compile; continues -->', '```ts', 'a', '```'),
    );
    expect(problems).toEqual(['a.md:3: continues, but no compiled ts block comes before it']);
  });

  it('when a ts fence sits inside another fence, it is not a snippet', () => {
    const { snippets } = extractSnippets('a.md', md('````md', '```ts', 'a', '```', '````'));
    expect(snippets).toEqual([]);
  });
});
