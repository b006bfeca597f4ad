import { formatTable } from './formatTable';

describe(formatTable, () => {
  it('when cells differ in width, pads each column to its widest cell without trailing spaces', () => {
    expect(
      formatTable(
        ['A', 'LONGER', 'C'],
        [
          ['wide cell', 'x', ''],
          ['y', '', 'last'],
        ],
      ),
    ).toEqual(['A          LONGER  C', 'wide cell  x', 'y                  last']);
  });
});
