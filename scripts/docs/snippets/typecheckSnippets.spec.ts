import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repoRoot';
import type { Snippet } from './extractSnippets';
import { typecheckSnippets } from './typecheckSnippets';

const snippet = (line: number, code: string, over: Partial<Snippet> = {}): Snippet => ({
  mode: 'compile',
  contexts: [],
  continues: false,
  file: 'docs/a.md',
  line,
  code,
  ...over,
});

describe(typecheckSnippets, () => {
  let dir: string;
  beforeAll(() => {
    mkdirSync(join(repoRoot, '.switchboard-tmp'), { recursive: true });
    dir = mkdtempSync(join(repoRoot, '.switchboard-tmp', 'typecheck-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when snippets are wrong, reports each error at its Markdown line, per snippet', () => {
    const good = snippet(3, 'const n: number = 1;\nawait Promise.resolve(n);');
    const bad = snippet(10, "const n: number = 1;\nconst s: string = n;\nundeclared('x');");
    const fragment = snippet(20, 'account.id;');
    const withContext = snippet(30, 'ui.status(account.id);', { contexts: ['ui', 'account'] });
    const wrongContextUse = snippet(40, 'ui.status(1);', { contexts: ['ui'] });
    const check = typecheckSnippets(repoRoot, dir, [
      good,
      bad,
      fragment,
      withContext,
      wrongContextUse,
    ]);
    expect(check.global).toEqual([]);
    expect(check.errorsOf(good)).toEqual([]);
    expect(check.errorsOf(bad)).toEqual([
      "docs/a.md:11:7 TS2322 Type 'number' is not assignable to type 'string'.",
      "docs/a.md:12:1 TS2304 Cannot find name 'undeclared'.",
    ]);
    expect(check.errorsOf(fragment)).toEqual(["docs/a.md:20:1 TS2304 Cannot find name 'account'."]);
    expect(check.errorsOf(withContext)).toEqual([]);
    expect(check.errorsOf(wrongContextUse)).toEqual([
      "docs/a.md:40:11 TS2345 Argument of type 'number' is not assignable to parameter of type 'string'.",
    ]);
  });
});
