import { advantage, num, ratio, table } from './format';

describe('advantage', () => {
  it('when lower is better, it is the peer over Switchboard', () => {
    expect(advantage(10, 20, 'lower')).toBe(2);
  });

  it('when higher is better, it is Switchboard over the peer', () => {
    expect(advantage(10, 20, 'higher')).toBe(0.5);
  });

  it('when a side is missing or not positive, there is none', () => {
    expect(advantage(undefined, 20, 'lower')).toBeUndefined();
    expect(advantage(10, 0, 'lower')).toBeUndefined();
    expect(advantage(Number.NaN, 1, 'higher')).toBeUndefined();
  });
});

describe('ratio and num', () => {
  it('when Switchboard is behind, the ratio is bold', () => {
    expect(ratio(0.97)).toBe('**0.97×**');
    expect(ratio(1.2)).toBe('1.20×');
    expect(ratio(40.52)).toBe('40.5×');
    expect(ratio(undefined)).toBe('—');
  });

  it('when numbers grow, fewer decimals are shown', () => {
    expect(num(4.567)).toBe('4.57');
    expect(num(123.45)).toBe('123.5');
    expect(num(6340.2)).toBe('6,340');
    expect(num(undefined)).toBe('—');
  });
});

describe('table', () => {
  it('when rendered, it is a Markdown table with a separator row', () => {
    expect(table(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});
