import { runCli } from './cli.testkit';

describe('switchboard profiles', () => {
  it('when run, prints every installed profile with its credentials, mechanisms and capabilities', async () => {
    const { code, stdout, stderr } = await runCli(['profiles']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+NAME\s+CREDENTIALS\s+MECHANISMS\s+SERVER$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^jabber\s+Jabber \/ XMPP\s+password\s+SCRAM-SHA-256, SCRAM-SHA-1, PLAIN\s/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^messenger\s+Windows Live Messenger\s+oauth2\s+X-MESSENGER-OAUTH2\s/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^facebook\s+Facebook Chat\s+oauth2\s+X-FACEBOOK-PLATFORM/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^gtalk\s+Google Talk\s+oauth2, token\s+X-OAUTH2, X-GOOGLE-TOKEN/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^irc\s+IRC\s+password, certificate, ecdsa-p256\s+SCRAM-SHA-256, EXTERNAL/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^CAPABILITY\s+jabber\s+messenger\s+facebook\s+gtalk\s+irc\s+libera$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^roster\.write\s+yes\s+no\s+no\s+yes\s+no\s+no$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^vcard\.read\s+(\S+\s+){4}no\s+no$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ping\s+(\S+\s+){4}yes\s+yes$/));
    // No XMPP provider can follow presence without a subscription; IRC does it through MONITOR.
    expect(lines).toContainEqual(expect.stringMatching(/^watch\s+no\s+no\s+no\s+no\s+yes\s+yes$/));
  });

  it('when --json, prints the descriptors for machines', async () => {
    const { code, stdout } = await runCli(['profiles', '--json']);
    expect(code).toBe(0);
    const profiles = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(profiles.map((p) => p.id)).toEqual([
      'jabber',
      'messenger',
      'facebook',
      'gtalk',
      'irc',
      'libera',
    ]);
    expect(profiles[1]).toMatchObject({
      mechanisms: ['X-MESSENGER-OAUTH2'],
      credentialKinds: ['oauth2'],
      capabilities: { 'roster.write': false, watch: false, messageTypes: ['chat'] },
      oauth2: { authorizationEndpoint: 'https://oauth.live.com/authorize' },
    });
  });
});

describe('switchboard --help', () => {
  it('when asked, lists every command and the exit codes', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['profiles', 'account', 'login', 'send', 'roster', 'chat']) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(stdout).toContain('Exit codes:');
  });

  it.each(['send', 'roster', 'chat', 'login', 'profiles', 'account add', 'account list'])(
    'when asked for "%s --help", shows its usage and examples',
    async (command) => {
      const { code, stdout } = await runCli([...command.split(' '), '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: switchboard /);
      expect(stdout).toContain('Examples:\n  $ switchboard ');
    },
  );

  it('when arguments are missing, exits 2 and points to --help', async () => {
    const { code, stderr } = await runCli(['send', 'alice']);
    expect(code).toBe(2);
    expect(stderr).toContain("error: missing required argument 'to'");
    expect(stderr).toContain('(add --help for usage)');
  });

  it('when an option value is invalid, exits 2', async () => {
    const { code, stderr } = await runCli([
      'send',
      'alice',
      'bob@example.org',
      'hi',
      '--type',
      'fax',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('Allowed choices are chat, normal, headline');
  });
});
