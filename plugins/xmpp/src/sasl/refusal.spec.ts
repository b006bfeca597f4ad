import xml from '@xmpp/xml';
import { NS_SASL } from './exchange';
import { refusalError } from './refusal';

const failure = (condition: string, text?: string) =>
  xml(
    'failure',
    { xmlns: NS_SASL },
    xml(condition),
    text === undefined ? null : xml('text', {}, text),
  );

describe(refusalError, () => {
  it('is SB_SASL_FAILURE with the condition, text and what the mechanism learned', () => {
    const error = refusalError(failure('not-authorized', 'bad'), 'PLAIN', { status: '401' }, false);
    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: { mechanism: 'PLAIN', condition: 'not-authorized', text: 'bad', status: '401' },
    });
  });

  it('when the gs2 flag y was refused at once, not for the credential, is SB_SASL_DOWNGRADE', () => {
    const y = { gs2Flag: 'y' };
    expect(refusalError(failure('malformed-request'), 'SCRAM-SHA-256', y, false)).toMatchObject({
      code: 'SB_SASL_DOWNGRADE',
      details: { reason: 'gs2-y-refused', condition: 'malformed-request' },
    });
    // After a challenge, or for the credential: a plain refusal.
    expect(refusalError(failure('malformed-request'), 'SCRAM-SHA-256', y, true).code).toBe(
      'SB_SASL_FAILURE',
    );
    expect(refusalError(failure('not-authorized'), 'SCRAM-SHA-256', y, false).code).toBe(
      'SB_SASL_FAILURE',
    );
    expect(refusalError(failure('malformed-request'), 'SCRAM-SHA-256', {}, false).code).toBe(
      'SB_SASL_FAILURE',
    );
  });
});
