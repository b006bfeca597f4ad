import { Readable } from 'node:stream';
import { CliError } from '../support/CliError';
import { readMessage } from './readMessage';

describe(readMessage, () => {
  it('when given words, joins them with spaces', async () => {
    await expect(readMessage(['Lunch', 'at', 'noon?'])).resolves.toBe('Lunch at noon?');
  });

  it('when given "-", reads stdin and drops one trailing newline', async () => {
    await expect(readMessage(['-'], Readable.from(['a\n', 'b\n\n']))).resolves.toBe('a\nb\n');
  });

  it('when the message is blank, refuses it with exit 2', async () => {
    await expect(readMessage(['  '])).rejects.toEqual(expect.any(CliError));
    await expect(readMessage(['-'], Readable.from(['\n']))).rejects.toMatchObject({ exitCode: 2 });
  });
});
