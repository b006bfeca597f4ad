import { staleness } from './staleness';

describe(staleness, () => {
  it('when the file matches, has nothing to say', () => {
    expect(staleness('docs/x.md', 'a\nb\n', 'a\nb\n', 'pnpm docs:generate')).toBeUndefined();
  });

  it('when a line differs, names it and the command', () => {
    const problem = staleness('docs/x.md', 'a\nold\n', 'a\nnew\n', 'pnpm docs:generate');
    expect(problem).toContain('docs/x.md is out of date');
    expect(problem).toContain('line 2');
    expect(problem).toContain('on disk:   old');
    expect(problem).toContain('generated: new');
    expect(problem).toContain('Run `pnpm docs:generate`');
  });

  it('when the file is missing, says so', () => {
    expect(staleness('docs/x.md', undefined, 'a', 'pnpm docs:generate')).toBe(
      'docs/x.md is missing. Run `pnpm docs:generate` and commit the result.',
    );
  });
});
