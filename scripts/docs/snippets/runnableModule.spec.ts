import type { Snippet } from './extractSnippets';
import { runnableModule } from './runnableModule';

const snippet = (code: string, contexts: string[] = []): Snippet => ({
  mode: 'run',
  contexts,
  continues: false,
  file: 'docs/a.md',
  line: 5,
  code,
});

describe(runnableModule, () => {
  it('when a snippet has imports and top-level await, hoists the imports and wraps the rest', () => {
    const text = runnableModule(
      snippet(
        "import assert from 'node:assert';\nconst a = await Promise.resolve(1);\nassert.equal(a, 1);",
      ),
    );
    expect(text).toBe(
      [
        "import assert from 'node:assert';",
        '',
        'export async function run(): Promise<void> {',
        '',
        'const a = await Promise.resolve(1);',
        '',
        'assert.equal(a, 1);',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('when a context is imports only, includes it', () => {
    expect(runnableModule(snippet('Switchboard;', ['imports']))).toContain(
      "import { Switchboard } from '@switchboard/core';",
    );
  });

  it('when a context only declares names, refuses it', () => {
    expect(() => runnableModule(snippet('account;', ['account']))).toThrow(
      'docs/a.md:5: a run snippet cannot use context "account"',
    );
  });

  it('when a snippet exports, keeps the declarations without export', () => {
    const text = runnableModule(
      snippet(
        'export const a = 1;\nexport default a;\nexport { a as b };\n@dec export class C {}\nexport default function f() {}',
      ),
    );
    const body = text.replace(/\s+/g, ' ');
    expect(body).toBe(
      ' export async function run(): Promise<void> { const a = 1; a; @dec class C {} function f() {} } ',
    );
    expect(text.match(/export/g)).toEqual(['export']); // only `export async function run`
  });

  it('when an import is rewritten, loads it from there', () => {
    const text = runnableModule(
      snippet("import { ContainerModule } from 'inversify';\nimport a from 'node:assert';"),
      (specifier) =>
        specifier === 'inversify' ? '/ws/core/node_modules/inversify/index.js' : undefined,
    );
    expect(text).toContain(
      'import { ContainerModule } from "/ws/core/node_modules/inversify/index.js";',
    );
    expect(text).toContain("import a from 'node:assert';");
  });
});
