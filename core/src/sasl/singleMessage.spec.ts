import { singleMessage } from './singleMessage';

describe(singleMessage, () => {
  it('when asked once, returns the payload built from the credentials', () => {
    const session = singleMessage('X-ONE', (c) => `token:${String(c.token)}`);
    expect(session.clientFirst).toBe(true);
    expect(session.response({ token: 't' })).toBe('token:t');
    expect(session.authAttributes).toBeUndefined();
  });

  it('when asked twice or challenged, fails with SB_SASL_PROTOCOL naming the mechanism', () => {
    const session = singleMessage('X-ONE', () => 'x');
    session.response({});
    expect(() => session.response({})).toThrow(
      expect.objectContaining({ code: 'SB_SASL_PROTOCOL', details: { mechanism: 'X-ONE' } }),
    );
    expect(() => session.challenge(new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'SB_SASL_PROTOCOL' }),
    );
  });

  it('when the payload builder rejects the credentials, a later attempt may still send', () => {
    let calls = 0;
    const session = singleMessage('X-ONE', () => {
      calls++;
      if (calls === 1) throw new Error('bad credential');
      return 'ok';
    });
    expect(() => session.response({})).toThrow('bad credential');
    expect(session.response({})).toBe('ok');
  });

  it('when attributes are given, offers them for <auth/>', () => {
    const session = singleMessage('X-ONE', () => 'x', { 'auth:service': 'oauth2' });
    expect(session.authAttributes?.({})).toEqual({ 'auth:service': 'oauth2' });
  });
});
