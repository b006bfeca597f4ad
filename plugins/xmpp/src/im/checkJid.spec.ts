import { checkJid } from './checkJid';

function reasonFor(address: string): unknown {
  try {
    checkJid(address, 'to');
    return 'valid';
  } catch (error) {
    return (error as { code: string; details: { reason: string } }).details.reason;
  }
}

describe(checkJid, () => {
  it.each([
    'alice@example.org',
    'alice@example.org/phone',
    'example.org',
    'example.org/resource with spaces',
    'juliet@example.com.',
    'conference.example.org/nick@with@ats',
    'ʃtɪk@xn--bcher-kva.example',
    'ʃtɪk@bücher.example',
    'user@[::1]',
    'user@127.0.0.1',
    'π@example.org/λ',
  ])('when given %s, accepts it', (address) => {
    expect(reasonFor(address)).toBe('valid');
  });

  it.each([
    ['', 'empty'],
    ['not a jid', 'domainpart'],
    ['@sb.test', 'localpart'],
    ['a b@sb.test', 'localpart'],
    ['a"b@sb.test', 'localpart'],
    ['alice@', 'domainpart'],
    ['alice@sb.test/', 'resourcepart'],
    ['alice@sb..test', 'domainpart'],
    ['alice@-sb.test', 'domainpart'],
    ['alice@sb.test:5222', 'domainpart'],
    ['alice@x@y.test', 'domainpart'],
    ['alice@sb.test/\u0007', 'invalid-character'],
    ['alice@sb.test/\u0085', 'resourcepart'],
    ['al\u0000ice@sb.test', 'invalid-character'],
    ['alice@sb.test/\uFFFE', 'invalid-character'],
    ['alice@sb.test/\uD800', 'invalid-character'],
    [`${'a'.repeat(1024)}@sb.test`, 'too-long'],
    [`alice@sb.test/${'r'.repeat(3000)}`, 'too-long'],
    [`alice@${'d'.repeat(64)}.test`, 'domainpart'],
  ])('when given %j, refuses it with reason %s', (address, reason) => {
    expect(reasonFor(address)).toBe(reason);
  });

  it('names the field and shortens a long address in the message', () => {
    expect(() => checkJid(`x@${'y'.repeat(3000)}`, 'contact')).toThrow(
      expect.objectContaining({
        code: 'SB_ADDRESS_INVALID',
        details: { field: 'contact', reason: 'domainpart' },
        message: expect.stringMatching(/^The contact address "x@y{59}\.\.\." is not a valid/),
      }),
    );
  });
});
