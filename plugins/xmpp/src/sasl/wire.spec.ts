import { decodePayload, encodeInitial, encodeResponse } from './wire';

describe('SASL wire framing', () => {
  describe(encodeInitial, () => {
    it('when the initial response is empty, sends "="', () => {
      expect(encodeInitial(new Uint8Array(0))).toBe('=');
      expect(encodeInitial('')).toBe('=');
    });
    it('when given bytes, sends them base64-encoded unchanged (binary-safe)', () => {
      expect(encodeInitial(new Uint8Array([0, 255, 128, 10]))).toBe('AP+ACg==');
      expect(encodeInitial('\u0000foo\u0000bar')).toBe('AGZvbwBiYXI=');
    });
  });

  describe(encodeResponse, () => {
    it('when there is no data, leaves the element empty', () => {
      expect(encodeResponse(null)).toBeUndefined();
      expect(encodeResponse(new Uint8Array(0))).toBeUndefined();
    });
  });

  describe(decodePayload, () => {
    it('when the element is empty, there is no data; "=" is a zero-length payload', () => {
      expect(decodePayload('', 'success')).toBeNull();
      expect(decodePayload('=', 'success')).toEqual(new Uint8Array(0));
    });
    it('when the text is base64, returns the raw bytes', () => {
      expect(decodePayload(' AP+ACg== ', 'challenge')).toEqual(new Uint8Array([0, 255, 128, 10]));
    });
    it('when the text is not base64, fails with SB_SASL_MALFORMED_CHALLENGE', () => {
      expect(() => decodePayload('not*base64', 'challenge')).toThrow(
        expect.objectContaining({ code: 'SB_SASL_MALFORMED_CHALLENGE' }),
      );
      expect(() => decodePayload('abc', 'challenge')).toThrow(
        expect.objectContaining({ code: 'SB_SASL_MALFORMED_CHALLENGE' }),
      );
    });
  });
});
