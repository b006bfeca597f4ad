import type { Snippet } from './extractSnippets';
import { snippetContexts } from './snippetContexts';
import { locate, snippetModule } from './snippetModule';

const snippet = (over: Partial<Snippet>): Snippet => ({
  mode: 'compile',
  contexts: [],
  continues: false,
  file: 'docs/a.md',
  line: 10,
  code: 'const a = 1;',
  ...over,
});

describe(snippetModule, () => {
  it('when a snippet has no context, is its code made a module', () => {
    expect(snippetModule(snippet({})).text).toBe('const a = 1;\nexport {};\n');
  });

  it('when a snippet has contexts, puts them first, once each along a chain', () => {
    const first = snippet({ contexts: ['ui'], code: 'ui.status("a");' });
    const second = snippet({
      line: 20,
      contexts: ['ui', 'account'],
      continues: true,
      previous: first,
      code: 'b;',
    });
    const { text } = snippetModule(second);
    expect(text).toBe(
      [
        snippetContexts.ui?.source,
        'ui.status("a");',
        snippetContexts.account?.source,
        'b;',
        'export {};',
        '',
      ].join('\n'),
    );
  });

  it('when a context is unknown, throws naming the snippet', () => {
    expect(() => snippetModule(snippet({ contexts: ['nope'] }))).toThrow(
      'docs/a.md:10: unknown context "nope"',
    );
  });
});

describe(locate, () => {
  const first = snippet({ code: 'one;\ntwo;' });
  const second = snippet({
    line: 30,
    contexts: ['account'],
    continues: true,
    previous: first,
    code: 'three;',
  });
  const module = snippetModule(second);

  it('when a line is code, gives its Markdown line and column', () => {
    expect(locate(module, 1, 2)).toBe('docs/a.md:11:3');
    expect(locate(module, 3, 0)).toBe('docs/a.md:30:1');
  });

  it('when a line is a context, names it', () => {
    expect(locate(module, 2, 0)).toBe('docs/a.md:30 (context account)');
  });
});
