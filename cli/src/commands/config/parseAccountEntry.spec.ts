import { CliError } from '../support/CliError';
import { parseAccountEntry } from './parseAccountEntry';

const FILE = '/home/a/.config/switchboard/accounts.json';

function problems(raw: unknown): string[] {
  try {
    parseAccountEntry('alice', raw, FILE);
  } catch (error) {
    if (error instanceof CliError) return [error.message, ...error.details];
    throw error;
  }
  throw new Error('expected the entry to be refused');
}

describe(parseAccountEntry, () => {
  it('when the entry is valid, splits the command’s fields from the account settings', () => {
    const entry = parseAccountEntry(
      'alice',
      {
        profile: 'jabber',
        address: 'alice@example.org',
        passwordEnv: 'ALICE_PASSWORD',
        server: { host: '127.0.0.1', port: 5222 },
        tls: { caFile: 'ca.pem', servername: 'example.org' },
        resource: 'cli',
      },
      FILE,
    );
    expect(entry).toEqual({
      name: 'alice',
      passwordEnv: 'ALICE_PASSWORD',
      caFile: '/home/a/.config/switchboard/ca.pem',
      settings: {
        profile: 'jabber',
        address: 'alice@example.org',
        server: { host: '127.0.0.1', port: 5222 },
        tls: { servername: 'example.org' },
        resource: 'cli',
      },
    });
  });

  it('when the entry holds a credential, refuses it without repeating it', () => {
    const lines = problems({
      profile: 'jabber',
      address: 'a@b',
      credential: { kind: 'password', password: 'hunter2' },
    });
    expect(lines.join('\n')).toContain(
      'accounts.alice.credential: secrets do not belong in the config file',
    );
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('when several fields are wrong, names each with its path', () => {
    expect(
      problems({
        address: 'a@b',
        server: { port: 0 },
        passwordEnv: 'not a variable',
        credentialKind: 'kerberos',
        tls: { ca: 'PEM', caFile: 'ca.pem' },
      }),
    ).toEqual([
      expect.stringMatching(
        /^\/home\/a\/.config\/switchboard\/accounts.json: account "alice" is invalid: accounts\.alice\.credentialKind: expected password \| oauth2 \| token \(and 4 more\)\.$/,
      ),
      'accounts.alice.credentialKind: expected password | oauth2 | token',
      'accounts.alice.passwordEnv: expected the name of an environment variable, e.g. ALICE_PASSWORD',
      'accounts.alice.tls.caFile: give tls.ca or tls.caFile, not both',
      'accounts.alice.profile: is required',
      expect.stringMatching(/^accounts\.alice\.server\.port: /),
    ]);
  });

  it('when the entry is not an object, says so', () => {
    expect(problems('jabber')).toEqual([`${FILE}: account "alice" must be an object.`]);
  });
});
