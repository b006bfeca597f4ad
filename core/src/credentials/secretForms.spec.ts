import { secretForms } from './secretForms';

const SECRET = 'pässwörd & "more" / 10%+';

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function found(payload: string, forms: readonly string[]): boolean {
  return forms.some((form) => payload.includes(form));
}

describe(secretForms, () => {
  const forms = secretForms([SECRET]);

  it('when the secret sits at any byte offset of a base64 payload, one form is in it', () => {
    for (let prefix = 0; prefix < 6; prefix++) {
      const payload = `\0${'u'.repeat(prefix)}\0${SECRET}`;
      expect(found(base64(payload), forms)).toBe(true);
      expect(found(base64(`${payload}\0tail`), forms)).toBe(true);
      expect(found(Buffer.from(payload).toString('base64url'), forms)).toBe(true);
    }
  });

  it('when the secret is percent-encoded, form-encoded, XML- or JSON-escaped, one form is it', () => {
    const form = new URLSearchParams({ p: SECRET }).toString().slice(2);
    expect(forms).toEqual(
      expect.arrayContaining([
        SECRET,
        encodeURIComponent(SECRET),
        encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
        form,
        'pässwörd &amp; &quot;more&quot; / 10%+',
        JSON.stringify(SECRET).slice(1, -1),
      ]),
    );
  });

  it('when the secret has what SASLprep maps (RFC 4013 §2), the prepared secret is a form', () => {
    const prepared = secretForms(['pass\u00ADword\u00A0x']);
    expect(prepared).toEqual(expect.arrayContaining(['pass\u00ADword\u00A0x', 'password x']));
    expect(found(base64('\0alice\0password x'), prepared)).toBe(true);
  });

  it('when a secret is short, keeps it but leaves out its encodings shorter than 4 characters', () => {
    expect(secretForms(['ab'])).toEqual(['ab']);
    expect(secretForms(['', 'xyz']).every((form) => form.length >= 3)).toBe(true);
  });

  it('when listed, puts longer forms first and repeats none', () => {
    const lengths = forms.map((form) => form.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    expect(new Set(forms).size).toBe(forms.length);
  });
});
