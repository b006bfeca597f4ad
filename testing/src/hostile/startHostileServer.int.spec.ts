import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { closeConnection, expectData, sendData, startTls, waitFor } from './HostileStep';
import {
  type HostileCertificates,
  makeHostileCertificates,
  WRONG_HOST,
} from './hostileCertificates';
import { type HostileServer, startHostileServer } from './startHostileServer';

const DOMAIN = 'example.test';

function open(server: HostileServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: server.host, port: server.port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads from `socket` until `text` arrived; resolves with everything read. */
function readUntil(socket: Socket | TLSSocket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (data: Buffer): void => {
      seen += data.toString();
      if (!seen.includes(text)) return;
      socket.off('data', onData);
      resolve(seen);
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

function upgrade(socket: Socket, ca: readonly string[], servername: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tls = connectTls({ socket, ca: [...ca], servername }, () => resolve(tls));
    tls.once('error', reject);
  });
}

describe(startHostileServer, () => {
  let certificates: HostileCertificates;
  let server: HostileServer | undefined;

  beforeAll(async () => {
    certificates = await makeHostileCertificates(DOMAIN);
  });
  afterAll(async () => {
    await certificates?.remove();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('runs the script: waits for bytes, answers from the match, records what the client sent', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server = await startHostileServer({
      script: [
        expectData(/hello (\w+)/),
        sendData(({ match }) => `hi ${match?.[1]}\n`),
        waitFor(() => gate),
        sendData(Buffer.from('bye\n')),
        closeConnection(),
      ],
    });
    expect(server.host).toBe('127.0.0.1');
    const socket = await open(server);
    const greeted = readUntil(socket, 'hi alice');
    socket.write('hel');
    socket.write('lo alice and more');
    await greeted;
    const bye = readUntil(socket, 'bye');
    release();
    await bye;
    await server.closed();
    expect(server.received()).toBe('hello alice and more');
    expect(server.received('tls')).toBe('');
    expect(server.connections()).toBe(1);
    expect(server.stepsDone()).toBe(5);
    socket.destroy();
  });

  it('when the script is a function, runs the steps it gives for each connection by index', async () => {
    server = await startHostileServer({
      script: (index) => [expectData('hello'), sendData(`you are number ${index}\n`)],
    });
    const answers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const socket = await open(server);
      const answer = readUntil(socket, '\n');
      socket.write('hello');
      answers.push(await answer);
      socket.destroy();
    }
    expect(answers).toEqual(['you are number 0\n', 'you are number 1\n']);
    expect(server.connections()).toBe(2);
  });

  it('starts TLS with the valid certificate and records the decrypted bytes as layer tls', async () => {
    server = await startHostileServer({
      script: [
        expectData('STARTTLS'),
        sendData('GO\n'),
        startTls(certificates.valid),
        expectData('secret'),
        sendData('ok\n'),
      ],
    });
    const socket = await open(server);
    const go = readUntil(socket, 'GO');
    socket.write('STARTTLS');
    await go;
    const tls = await upgrade(socket, certificates.ca, DOMAIN);
    const ok = readUntil(tls, 'ok');
    tls.write('secret');
    await ok;
    expect(server.received('plain')).toBe('STARTTLS');
    expect(server.received('tls')).toBe('secret');
    tls.destroy();
  });

  it.each([
    ['wrongHost', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['untrusted', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ] as const)(
    'presents the %s certificate, which a verifying client refuses (%s)',
    async (which, code) => {
      server = await startHostileServer({ script: [startTls(certificates[which]), sendData('x')] });
      const socket = await open(server);
      await expect(upgrade(socket, certificates.ca, DOMAIN)).rejects.toMatchObject({ code });
      await server.closed();
      expect(server.stepsDone()).toBe(0);
      socket.destroy();
    },
  );

  it('makes the wrong-host certificate valid for its own name from a trusted CA', async () => {
    server = await startHostileServer({ script: [startTls(certificates.wrongHost)] });
    const tls = await upgrade(await open(server), certificates.ca, WRONG_HOST);
    expect(tls.authorized).toBe(true);
    tls.destroy();
  });

  it.each([
    [false, 'closes its side too'],
    [true, 'keeps writing until the script closes'],
  ])(
    'when the client ends its side and allowHalfOpen is %s, the server %s',
    async (allowHalfOpen) => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      server = await startHostileServer({
        script: [expectData('bye'), waitFor(() => gate), sendData('late\n'), closeConnection()],
        allowHalfOpen,
      });
      const socket = await open(server);
      let read = '';
      socket.on('data', (data: Buffer) => {
        read += data.toString();
      });
      const ended = new Promise((resolve) => socket.once('end', resolve));
      socket.end('bye');
      if (!allowHalfOpen) await ended;
      release();
      await server.closed();
      await ended;
      expect(read).toBe(allowHalfOpen ? 'late\n' : '');
      socket.destroy();
    },
  );

  it('stops every connection and the listener; stop() twice is fine', async () => {
    server = await startHostileServer({ script: [expectData('never')] });
    const socket = await open(server);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await server.stop();
    await server.stop();
    await closed;
    await expect(open(server)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
