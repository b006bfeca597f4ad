import { SwitchboardError } from '@switchboard/core';
import { listCapabilities } from './capabilities';
import type { ErgoAccount } from './ErgoOptions';
import { IrcLineClient, type IrcLineClientOptions } from './IrcLineClient';

function failed(account: string, message: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError('SB_ERGO_FAILED', `Account ${account}: ${message}`, {
    cause,
    details: { account },
  });
}

/**
 * Registers `account` on a running ergo as a client would: over `connection` (the kit uses its TLS
 * listener), `CAP REQ :draft/account-registration`, `REGISTER * * PASSWORD` before the connection
 * completes (`REGISTER SUCCESS` logs the client in), then, with a certfp, completes the connection
 * and sends NickServ `CERT ADD`. Throws SB_ERGO_FAILED with the server's answer if it refuses.
 */
export async function registerAccount(
  connection: IrcLineClientOptions,
  account: ErgoAccount,
): Promise<void> {
  const client = await IrcLineClient.connect(connection);
  try {
    const caps = await listCapabilities(client);
    if (!caps.has('draft/account-registration')) {
      throw failed(account.name, 'the server does not offer draft/account-registration.');
    }
    client.send(`NICK ${account.name}`);
    client.send('CAP REQ :draft/account-registration');
    await client.next((l) => l.command === 'CAP' && l.params[1] === 'ACK');
    client.send(`REGISTER * * ${account.password}`);
    const answer = await client.next(
      (l) => (l.command === 'REGISTER' && l.params[0] === 'SUCCESS') || l.command === 'FAIL',
    );
    if (answer.command === 'FAIL') {
      throw failed(account.name, `REGISTER refused: ${answer.params.join(' ')}`);
    }
    if (account.certfp === undefined) return;
    client.send('CAP END');
    client.send(`USER ${account.name} 0 * :${account.name}`);
    await client.nextCommand('001');
    client.send(`PRIVMSG NickServ :CERT ADD ${account.certfp}`);
    const notice = await client.next(
      (l) => l.command === 'NOTICE' && (l.source ?? '').startsWith('NickServ!'),
    );
    if (!/successfully added/i.test(notice.params.at(-1) ?? '')) {
      throw failed(account.name, `CERT ADD refused: ${notice.params.at(-1) ?? ''}`);
    }
  } catch (error) {
    if (SwitchboardError.is(error) && error.code === 'SB_ERGO_FAILED') throw error;
    throw failed(account.name, 'registration did not complete; see the cause.', error);
  } finally {
    await client.close();
  }
}
