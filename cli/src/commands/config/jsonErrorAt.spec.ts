import { jsonErrorAt } from './jsonErrorAt';

function placeOf(text: string) {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonErrorAt(text, error);
  }
  throw new Error('the text parsed');
}

describe(jsonErrorAt, () => {
  it.each([
    ['{"a": 1,}', 1, 9],
    ['{"a" 1}', 1, 6],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['{\n  "a": tru\n}', 2, 11],
    ['{\n  "a": [1, 2,, 3]\n}', 2, 14],
    ['{\n  "a": 1\n', 3, 1],
    ['', 1, 1],
  ])('when the text is %j, points at line %i, column %i', (text, line, column) => {
    expect(placeOf(text)).toMatchObject({ line, column });
  });

  it('when the engine quotes the text, the reason does not', () => {
    const place = placeOf('{\n  "password": "hunter2" x\n}');
    expect(place.reason).not.toContain('hunter2');
    expect(place.line).toBe(2);
  });
});
