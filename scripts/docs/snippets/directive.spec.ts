import { parseDirective } from './directive';

describe(parseDirective, () => {
  it('when given a mode alone, has no context and does not continue', () => {
    expect(parseDirective(' compile ')).toEqual({
      mode: 'compile',
      contexts: [],
      continues: false,
    });
    expect(parseDirective('run')).toEqual({ mode: 'run', contexts: [], continues: false });
  });

  it('when given clauses, reads contexts, continues and reason', () => {
    expect(parseDirective('compile; context: account, ui; continues')).toEqual({
      mode: 'compile',
      contexts: ['account', 'ui'],
      continues: true,
    });
    expect(parseDirective('skip; reason: needs a database: Postgres')).toEqual({
      mode: 'skip',
      contexts: [],
      continues: false,
      reason: 'needs a database: Postgres',
    });
  });

  it.each([
    ['compiled', 'the mode must be compile, run or skip'],
    ['compile, context: account', 'the mode must be compile, run or skip'],
    ['compile; contexts: account', 'unknown clause "contexts: account"'],
    ['compile; context:', 'unknown clause'],
    ['skip', 'skip needs a reason'],
    ['compile; reason: why', 'only skip takes a reason'],
    ['run; continues', 'a run snippet must stand alone'],
  ])('when given "%s", throws %s', (text, message) => {
    expect(() => parseDirective(text)).toThrow(message);
  });
});
