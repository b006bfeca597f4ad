/** A named prelude a snippet can ask for with `context: name`. */
export interface SnippetContext {
  /** What the context puts in scope, for the docs of the convention. */
  readonly provides: string;
  /** TypeScript placed before the snippet's code. */
  readonly source: string;
  /** True when the prelude is real code (imports), so `run` snippets may use it too. */
  readonly runtime: boolean;
}

/**
 * The preludes of fragment snippets: names a reader's program would already have. Keep them
 * to declarations, so a context never does work a snippet claims to show.
 */
export const snippetContexts: Readonly<Record<string, SnippetContext>> = {
  imports: {
    provides: '`Switchboard`, `xmppModule` and the four profile modules, imported',
    runtime: true,
    source: [
      "import { Switchboard } from '@switchboard/core';",
      "import { xmppModule } from '@switchboard/xmpp';",
      "import { facebookModule } from '@switchboard/profile-facebook';",
      "import { gtalkModule } from '@switchboard/profile-gtalk';",
      "import { jabberModule } from '@switchboard/profile-jabber';",
      "import { messengerModule } from '@switchboard/profile-messenger';",
    ].join('\n'),
  },
  switchboard: {
    provides: '`switchboard: Switchboard`',
    runtime: false,
    source: "declare const switchboard: import('@switchboard/core').Switchboard;",
  },
  account: {
    provides: '`account: Account`',
    runtime: false,
    source: "declare const account: import('@switchboard/core').Account;",
  },
  inputs: {
    provides: '`address`, `password`, `accessToken` (strings) and `credential: Credential`',
    runtime: false,
    source: [
      'declare const address: string;',
      'declare const password: string;',
      'declare const accessToken: string;',
      "declare const credential: import('@switchboard/core').Credential;",
    ].join('\n'),
  },
  ui: {
    provides: "the host app's `ui.status(text)` and `showSignInPage(url)`",
    runtime: false,
    source: [
      'declare const ui: { status(text: string): void };',
      'declare function showSignInPage(url: URL): void;',
    ].join('\n'),
  },
  database: {
    provides: 'a `Database` type with `query(sql, parameters)`',
    runtime: false,
    source: [
      'interface Database {',
      '  query(sql: string, parameters: readonly unknown[]): Promise<{ tokens: string } | undefined>;',
      '}',
    ].join('\n'),
  },
};
