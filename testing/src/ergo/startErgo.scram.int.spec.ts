import { scramClient } from '../prosody/scram.testkit';
import { listCapabilities } from './capabilities';
import type { ErgoServer } from './ErgoOptions';
import { IrcLineClient } from './IrcLineClient';
import { startErgo } from './startErgo';

const decode = (line: { params: readonly string[] }): string =>
  Buffer.from(line.params[0] ?? '', 'base64').toString('utf8');

describe(`${startErgo.name} with SCRAM-SHA-256`, () => {
  let server: ErgoServer;
  let client: IrcLineClient | undefined;

  beforeAll(async () => {
    server = await startErgo({ accounts: [{ name: 'alice', password: 'correct-horse' }] });
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });
  afterAll(() => server.stop());

  /** Runs the SCRAM exchange; resolves with the server-final text and the ending numeric. */
  async function scramLogin(password: string) {
    client = await IrcLineClient.connect({ port: server.tlsPort, tls: { ca: server.ca } });
    await listCapabilities(client);
    client.send('NICK alice');
    client.send('CAP REQ :sasl');
    await client.next((l) => l.command === 'CAP' && l.params[1] === 'ACK');
    client.send('AUTHENTICATE SCRAM-SHA-256');
    await client.next((l) => l.command === 'AUTHENTICATE' && l.params[0] === '+');
    const scram = scramClient('sha256', 'alice', password);
    client.send(`AUTHENTICATE ${Buffer.from(scram.first).toString('base64')}`);
    const serverFirst = decode(await client.next((l) => l.command === 'AUTHENTICATE'));
    const { message, serverSignature } = scram.final(serverFirst);
    client.send(`AUTHENTICATE ${Buffer.from(message).toString('base64')}`);
    const next = await client.next((l) => ['AUTHENTICATE', '904'].includes(l.command));
    if (next.command === '904') return { serverFinal: undefined, end: '904', serverSignature };
    client.send('AUTHENTICATE +');
    const end = await client.nextCommand('903', '904');
    return { serverFinal: decode(next), end: end.command, serverSignature };
  }

  it('when the password is right, proves the server knows it (v=) and answers 903', async () => {
    const { serverFinal, end, serverSignature } = await scramLogin('correct-horse');
    expect(serverFinal).toBe(`v=${serverSignature}`);
    expect(end).toBe('903');
  });

  it('when the password is wrong, answers 904 without a server signature', async () => {
    const { serverFinal, end } = await scramLogin('wrong-horse');
    expect(end).toBe('904');
    expect(serverFinal).toBeUndefined();
  });
});
