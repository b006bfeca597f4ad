import { CliError } from '../support/CliError';
import { ExitCode } from '../support/ExitCode';

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: string[] = [];
  input.setEncoding('utf8');
  for await (const chunk of input) chunks.push(String(chunk));
  return chunks.join('');
}

/**
 * The message body: the words joined by spaces, or stdin when the only word is `-` (one trailing
 * newline dropped).
 * @throws CliError (exit 2) for an empty message.
 */
export async function readMessage(
  words: readonly string[],
  input: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  const body =
    words.length === 1 && words[0] === '-'
      ? (await readAll(input)).replace(/\r?\n$/, '')
      : words.join(' ');
  if (body.trim() === '') {
    throw new CliError(ExitCode.usage, 'The message is empty.', {
      hint: 'Give the text after the address, or "-" to read it from stdin.',
    });
  }
  return body;
}
