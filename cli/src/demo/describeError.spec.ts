import { SwitchboardError } from '@switchboard/core';
import { DemoError } from './DemoError';
import { describeError } from './describeError';

describe(describeError, () => {
  it('when Prosody is missing, names the command to install it and the script that does', () => {
    const error = new SwitchboardError(
      'SB_PROSODY_MISSING',
      'Prosody is not installed (prosody not found on PATH): run `apt-get install -y prosody` (Debian/Ubuntu).',
    );
    expect(describeError(error)).toEqual([
      `error: ${error.message} (SB_PROSODY_MISSING)`,
      'hint: ./scripts/demo.sh installs it (and everything else the demo needs) for you.',
    ]);
  });

  it('when Prosody would not start, adds the end of its log', () => {
    const error = new SwitchboardError('SB_PROSODY_FAILED', 'Prosody exited during start.', {
      details: { log: 'line 1\nerror: port in use' },
    });
    expect(describeError(error).slice(2)).toEqual([
      "Prosody's last log lines:",
      '  line 1',
      '  error: port in use',
    ]);
  });

  it('when a Switchboard error fails the demo, shows its code and hint', () => {
    const error = new SwitchboardError('SB_TIMEOUT', 'No answer from the server within 10 s.');
    expect(describeError(error)).toEqual([
      'error: No answer from the server within 10 s. (SB_TIMEOUT)',
      `hint: ${error.hint}`,
    ]);
  });

  it('when a demo step failed because of a Switchboard error, shows the step and the hint', () => {
    const cause = new SwitchboardError('SB_TIMEOUT', 'No answer.');
    const lines = describeError(new DemoError('Jabber could not sign in: No answer.', { cause }));
    expect(lines).toEqual(['error: Jabber could not sign in: No answer.', `hint: ${cause.hint}`]);
  });

  it('when a demo step failed on its own, shows what did not happen', () => {
    expect(
      describeError(new DemoError('Messenger got no presence from Jabber within 5 s.')),
    ).toEqual(['error: Messenger got no presence from Jabber within 5 s.']);
  });
});
