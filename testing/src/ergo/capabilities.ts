import type { IrcLineClient } from './IrcLineClient';

/**
 * Sends `CAP LS 302` and collects the answer, continuation lines (`CAP * LS * :...`) included:
 * each capability name mapped to its value (`''` when it has none), e.g. `sasl` →
 * `PLAIN,EXTERNAL,SCRAM-SHA-256`.
 */
export async function listCapabilities(client: IrcLineClient): Promise<Map<string, string>> {
  client.send('CAP LS 302');
  const caps = new Map<string, string>();
  for (;;) {
    const line = await client.next((l) => l.command === 'CAP' && l.params[1] === 'LS');
    const more = line.params[2] === '*' && line.params.length > 4;
    for (const item of (line.params.at(-1) ?? '').split(' ')) {
      if (item === '') continue;
      const eq = item.indexOf('=');
      caps.set(eq < 0 ? item : item.slice(0, eq), eq < 0 ? '' : item.slice(eq + 1));
    }
    if (!more) return caps;
  }
}
