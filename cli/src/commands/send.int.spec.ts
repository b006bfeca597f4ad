import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, JabberPeer, type ProsodyServer, startProsody } from '@switchboard/testing';
import { runCli, tempDir, writeConfig } from './cli.testkit';

const DOMAIN = 'example.test';
const PASSWORD = 'alice-Secret-pw1';

describe('switchboard send', () => {
  let server: ProsodyServer;
  let dir: string;
  let config: string;
  let bob: JabberPeer;

  beforeAll(async () => {
    [server, dir] = await Promise.all([
      startProsody({
        hosts: [
          {
            domain: DOMAIN,
            users: [
              { username: 'alice', password: PASSWORD },
              { username: 'bob', password: 'bob-pw' },
            ],
          },
        ],
      }),
      tempDir(),
    ]);
    await writeFile(join(dir, 'ca.pem'), server.ca);
    const alice = {
      profile: 'jabber',
      address: `alice@${DOMAIN}`,
      passwordEnv: 'ALICE_PASSWORD',
      server: { host: server.host, port: server.port },
      tls: { caFile: 'ca.pem' },
    };
    config = await writeConfig(dir, {
      accounts: {
        alice,
        untrusted: { ...alice, tls: undefined },
        unreachable: { ...alice, server: { host: '127.0.0.1', port: await freePort() } },
      },
    });
    bob = await JabberPeer.connect({
      host: server.host,
      port: server.port,
      domain: DOMAIN,
      username: 'bob',
      password: 'bob-pw',
      ca: server.ca,
    });
  });
  afterAll(async () => {
    await bob?.close();
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const send = (args: string[], env: Record<string, string> = { ALICE_PASSWORD: PASSWORD }) =>
    runCli(['send', ...args, '--config', config], { env });

  it('when the peer is online, the message reaches it and the command exits 0', async () => {
    const result = await send(['alice', `bob@${DOMAIN}`, 'hello', 'bob', '<&>', 'ünïcode']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain(`Sent to bob@${DOMAIN}.`);
    const message = await bob.waitFor(
      (s) =>
        s.name === 'message' &&
        s.children.some((c) => c.name === 'body' && c.text === 'hello bob <&> ünïcode'),
      'the message from the CLI',
    );
    expect(message.attrs.from).toMatch(new RegExp(`^alice@${DOMAIN}/`));
    expect(message.attrs.type).toBe('chat');
  });

  it.each([
    {
      to: `nobody@${DOMAIN}`,
      condition: 'service-unavailable',
      what: 'a user that does not exist',
    },
    {
      to: 'bob@elsewhere.test',
      condition: 'not-allowed',
      what: 'on a domain the server does not reach',
    },
  ])(
    'when the recipient is $what, exits 1 with the bounce condition',
    async ({ to, condition }) => {
      const { code, stderr } = await send(['alice', to, 'hello?']);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        new RegExp(`^error: A message to ${to}[^ ]* was returned: ${condition}`, 'm'),
      );
      expect(stderr).not.toContain('Sent to');
    },
  );

  it.each([
    { to: 'not a jid', what: 'not an address' },
    { to: '@example.test', what: 'missing its localpart' },
  ])('when the recipient is $what, exits 2 before connecting', async ({ to }) => {
    const { code, stderr } = await send(['alice', to, 'x']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: The to address ".*" is not a valid XMPP address/m);
  });

  it('when the body holds a character XML cannot carry, exits 2 and the account stays usable', async () => {
    const { code, stderr } = await runCli(
      ['send', 'alice', `bob@${DOMAIN}`, '-', '--config', config],
      {
        env: { ALICE_PASSWORD: PASSWORD },
        input: 'nul\u0000here',
      },
    );
    expect(code).toBe(2);
    expect(stderr).toContain('The body holds U+0000 at position 3');
    expect((await send(['alice', `bob@${DOMAIN}`, 'after the refusal'])).code).toBe(0);
  });

  it('when the message is "-", reads it from stdin', async () => {
    const result = await runCli(['send', 'alice', `bob@${DOMAIN}`, '-', '--config', config], {
      env: { ALICE_PASSWORD: PASSWORD },
      input: 'line one\nline two\n',
    });
    expect(result.code).toBe(0);
    await bob.waitFor(
      (s) => s.children.some((c) => c.name === 'body' && c.text === 'line one\nline two'),
      'the message read from stdin',
    );
  });

  it('when --debug, logs the stanzas to stderr with SASL payloads redacted and no password', async () => {
    const { code, stdout, stderr } = await runCli(
      ['--debug', 'send', 'alice', `bob@${DOMAIN}`, 'debugged', '--config', config],
      { env: { ALICE_PASSWORD: PASSWORD } },
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      / alice >> <auth [^>]*mechanism="SCRAM-SHA-256-PLUS"[^>]*>\[redacted\]<\/auth>/,
    );
    expect(stderr).toMatch(/ alice << <challenge [^>]*>\[redacted\]<\/challenge>/);
    expect(stderr).toMatch(/ alice >> <message [^>]*><body>debugged<\/body>/);
    expect(stderr).toContain(
      '[debug] SASL mechanism SCRAM-SHA-256-PLUS via sasl (sasl2-not-offered) (',
    );
    for (const secret of [
      PASSWORD,
      Buffer.from(PASSWORD).toString('base64'),
      Buffer.from(`\0alice\0${PASSWORD}`).toString('base64'),
    ]) {
      expect(stderr).not.toContain(secret);
    }
  });

  it('when the password is wrong, exits 4 and says to check it, without the password', async () => {
    const wrong = 'Wrong-password-42';
    const { code, stdout, stderr } = await send(['alice', `bob@${DOMAIN}`, 'x'], {
      ALICE_PASSWORD: wrong,
    });
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error: .*not-authorized/m);
    expect(stderr).toContain(
      'hint: The server refused the credential of account "alice": check the address and the password (from $ALICE_PASSWORD).',
    );
    expect(`${stdout}${stderr}`).not.toContain(wrong);
    expect(stderr).not.toContain('    at ');
  });

  it('when the server is unreachable, exits 3 and says to check host and port', async () => {
    const { code, stderr } = await send(['unreachable', `bob@${DOMAIN}`, 'x']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/^error: Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/m);
    expect(stderr).toContain(
      'hint: Check that the server runs and that host and port are right (accounts.unreachable.server',
    );
    expect(stderr).not.toContain('    at ');
  });

  it('when the certificate is not trusted, exits 3 and says to give the CA', async () => {
    const { code, stderr } = await send(['untrusted', `bob@${DOMAIN}`, 'x']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/^error: TLS with .* failed/m);
    expect(stderr).toContain('accounts.untrusted.tls.caFile');
  });

  it('when --debug and it fails, prints the stack as well', async () => {
    const { code, stderr } = await runCli(
      ['--debug', 'send', 'unreachable', `bob@${DOMAIN}`, 'x', '--config', config],
      { env: { ALICE_PASSWORD: PASSWORD } },
    );
    expect(code).toBe(3);
    expect(stderr).toContain('SwitchboardError: Could not reach');
    expect(stderr).toContain('    at ');
  });
});
