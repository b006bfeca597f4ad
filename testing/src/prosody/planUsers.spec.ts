import { SwitchboardError } from '@switchboard/core';
import type { ProsodyHost } from './ProsodyOptions';
import { planUsers } from './planUsers';

const alice = { username: 'alice', password: 'alice-pw' };

describe(planUsers, () => {
  it('when the backend is the default internal_plain, writes the files of every user directly', () => {
    const plan = planUsers({}, [
      { domain: 'Example.Test', users: [alice, { username: 'a.b-c_d', password: 'p w' }] },
    ]);
    expect(plan.prosodyctl).toEqual([]);
    expect(plan.files.map((f) => f.file)).toEqual([
      'example%2etest/accounts/alice.dat',
      'example%2etest/accounts/a%2eb%2dc%5fd.dat',
    ]);
  });

  it('when a user is listed twice on a host, keeps the last password only', () => {
    const plan = planUsers({}, [
      {
        domain: 'a.test',
        users: [alice, { username: 'bob', password: 'b' }, { ...alice, password: 'new' }],
      },
    ]);
    expect(plan.files.map((f) => [f.username, f.text.includes('"new"')])).toEqual([
      ['bob', false],
      ['alice', true],
    ]);
  });

  it.each<[string, Parameters<typeof planUsers>[0], ProsodyHost]>([
    ['internal_hashed', { authentication: 'internal_hashed' }, { domain: 'a.test' }],
    ['an anonymous host', {}, { domain: 'a.test', anonymous: true }],
    [
      'a host whose config sets authentication',
      {},
      { domain: 'a.test', config: 'authentication = "internal_hashed"' },
    ],
    [
      'hostConfig setting storage',
      { hostConfig: { 'a.test': 'storage = "sql"' } },
      { domain: 'a.test' },
    ],
    [
      'extraConfig setting data_path',
      { extraConfig: 'data_path = "/elsewhere"' },
      { domain: 'a.test' },
    ],
    ['a domain that is not ASCII', {}, { domain: 'bücher.test' }],
  ])('when the host has %s, registers its users with prosodyctl', (_, options, host) => {
    const plan = planUsers(options, [{ ...host, users: [alice] }]);
    expect(plan.files).toEqual([]);
    expect(plan.prosodyctl).toEqual([{ domain: host.domain, ...alice }]);
  });

  it.each(['', 'pässwörd', 'tab\there'])(
    'when the password is %j (not printable ASCII), registers that user with prosodyctl',
    (password) => {
      const plan = planUsers({}, [
        { domain: 'a.test', users: [alice, { username: 'bob', password }] },
      ]);
      expect(plan.files.map((f) => f.username)).toEqual(['alice']);
      expect(plan.prosodyctl).toEqual([{ domain: 'a.test', username: 'bob', password }]);
    },
  );

  it.each(['Alice', 'al ice', 'al@ice', "o'neil", 'jürgen', '', 'x'.repeat(1024)])(
    'when a username to write is %j, fails with SB_CONFIG_INVALID naming it',
    (username) => {
      let error: unknown;
      try {
        planUsers({}, [{ domain: 'a.test', users: [{ username, password: 'secret-pw' }] }]);
      } catch (e) {
        error = e;
      }
      expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
      expect((error as SwitchboardError).details).toEqual({ domain: 'a.test', username });
      expect((error as Error).message).not.toContain('secret-pw');
    },
  );
});
