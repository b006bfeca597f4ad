import { SwitchboardError } from '@switchboard/core';
import { CliError } from './CliError';
import { describeError } from './describeError';
import { ExitCode } from './ExitCode';

describe(describeError, () => {
  it('when the error is coded, prints the message and a hint in the command’s terms, no stack', () => {
    const error = new SwitchboardError(
      'SB_CONNECTION_FAILED',
      'Could not reach h:1 (ECONNREFUSED).',
    );
    const lines = describeError(error, false, { account: 'alice', configFile: '/c.json' });
    expect(lines).toEqual([
      'error: Could not reach h:1 (ECONNREFUSED).',
      'hint: Check that the server runs and that host and port are right (accounts.alice.server in /c.json, or --host/--port of "switchboard account add"), and your network.',
    ]);
  });

  it('when the code has no hint of its own, uses the catalogue’s', () => {
    const lines = describeError(
      new SwitchboardError('SB_STANZA_ERROR', 'The request failed: x.'),
      false,
    );
    expect(lines[1]).toBe('hint: The server or peer answered the request with an error.');
  });

  it('when a config error has several issues, lists them', () => {
    const error = new SwitchboardError(
      'SB_CONFIG_INVALID',
      'Invalid account config: a expected b (and 1 more).',
      {
        details: {
          issues: [
            { field: 'a', problem: 'expected b' },
            { field: 'c', problem: 'is required' },
          ],
        },
      },
    );
    expect(describeError(error, false)).toEqual([
      'error: Invalid account config: a expected b (and 1 more).',
      '  a: expected b',
      '  c: is required',
      expect.stringMatching(/^hint: /),
    ]);
  });

  it('when the error is the command’s own, prints its details and hint', () => {
    const error = new CliError(ExitCode.usage, 'Unknown profile "icq".', {
      details: ['Installed profiles: jabber'],
      hint: 'Use one of these ids.',
    });
    expect(describeError(error, false)).toEqual([
      'error: Unknown profile "icq".',
      '  Installed profiles: jabber',
      'hint: Use one of these ids.',
    ]);
  });

  it('when --debug, adds the stack, the details and the causes', () => {
    const cause = new Error('ECONNREFUSED underneath');
    const error = new SwitchboardError('SB_CONNECTION_FAILED', 'Could not reach h:1.', {
      cause,
      details: { code: 'ECONNREFUSED' },
    });
    const text = describeError(error, true).join('\n');
    expect(text).toContain('SwitchboardError: Could not reach h:1.\n    at ');
    expect(text).toContain('details: {"code":"ECONNREFUSED"}');
    expect(text).toContain('caused by: Error: ECONNREFUSED underneath');
    expect(describeError(error, false).join('\n')).not.toContain('    at ');
  });

  it('when the error is not coded, calls it a bug and suggests --debug', () => {
    expect(describeError(new TypeError('x is undefined'), false)).toEqual([
      'error: x is undefined',
      'hint: This looks like a bug in switchboard; run again with --debug for details.',
    ]);
  });

  it('when no SASL mechanism fits, points at the credential kind and login', () => {
    const error = new SwitchboardError('SB_SASL_NO_MECHANISM', 'No usable SASL mechanism: …');
    const [, hint] = describeError(error, false, { account: 'mark', configFile: '/c.json' });
    expect(hint).toBe(
      'hint: Give the account a credential the server takes: its credential kind is accounts.mark.credentialKind in /c.json (--credential of "switchboard account add"); an oauth2 account signs in with switchboard login mark. "switchboard profiles" shows what each profile takes.',
    );
  });

  it('when an online session is lost, does not blame the TLS mode', () => {
    const error = new SwitchboardError('SB_CONNECTION_CLOSED', 'The connection was closed.');
    const facts = { account: 'alice', tls: 'starttls', port: 5222 };
    expect(describeError(error, false, { ...facts, online: true }).join('\n')).not.toContain(
      '--tls',
    );
    expect(describeError(error, false, facts).join('\n')).toContain('--tls direct');
  });
});
