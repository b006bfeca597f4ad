import { SwitchboardError } from '@switchboard/core';
import { parseLine } from '../wire/parseLine';
import { loggedInAccount, saslMechanisms, saslNumericError } from './saslNumerics';

describe(saslNumericError, () => {
  it.each([
    ['902', 'SB_SASL_FAILURE', 'nick-locked'],
    ['904', 'SB_SASL_FAILURE', 'failed'],
    ['905', 'SB_SASL_PROTOCOL', 'too-long'],
    ['906', 'SB_SASL_PROTOCOL', 'aborted'],
    ['907', 'SB_SASL_PROTOCOL', 'already-authenticated'],
  ])('when the server sends %s, gives %s', (numeric, code, reason) => {
    const error = saslNumericError(parseLine(`:s.example ${numeric} me :Server says so`));
    expect(SwitchboardError.is(error, code as 'SB_SASL_FAILURE')).toBe(true);
    expect(error?.details).toEqual({ numeric, reason, text: 'Server says so' });
  });

  it('when the server text is long, keeps 200 characters of it', () => {
    const error = saslNumericError(parseLine(`:s.example 904 me :${'x'.repeat(500)}`));
    expect(error?.details.text).toHaveLength(200);
  });

  it('when the message is not a SASL failure, gives undefined', () => {
    expect(
      saslNumericError(parseLine(':s.example 903 me :SASL authentication successful')),
    ).toBeUndefined();
    expect(
      saslNumericError(parseLine(':s.example 433 * me :Nickname is already in use')),
    ).toBeUndefined();
  });
});

describe(saslMechanisms, () => {
  it('when RPL_SASLMECHS comes, lists its mechanisms', () => {
    expect(
      saslMechanisms(
        parseLine(':s.example 908 me PLAIN,SCRAM-SHA-256 :are available SASL mechanisms'),
      ),
    ).toEqual(['PLAIN', 'SCRAM-SHA-256']);
    expect(saslMechanisms(parseLine(':s.example 904 me :failed'))).toBeUndefined();
  });
});

describe(loggedInAccount, () => {
  it('when RPL_LOGGEDIN comes, gives the account name, which may differ from the nick', () => {
    const line = ':s.example 900 guest123 guest123!u@h alice :You are now logged in as alice';
    expect(loggedInAccount(parseLine(line))).toBe('alice');
    expect(loggedInAccount(parseLine(':s.example 001 me :Welcome'))).toBeUndefined();
  });
});
