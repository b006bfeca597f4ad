/**
 * Hundreds of connect()/disconnect() cycles of one account on the real Prosody leave nothing
 * behind: no session outlives its disconnect(), and the heap does not grow per cycle.
 *
 * Heap numbers are taken after forced full collections. With V8's compilers on, the heap gains
 * about 2.3 KiB a cycle over cycles 30 to 330 here, and levels off after about two thousand:
 * compiled code, deoptimization data and feedback, none of it our objects, but enough to drown a
 * real leak. The compilers above the interpreter are off while this file runs (the interpreter
 * runs the same code), so what the heap gains is what the cycles keep.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  type Account,
  ContainerModule,
  injectable,
  injectFromBase,
  ProfilePluginToken,
  type ProtocolSession,
  type SessionRequest,
  Switchboard,
} from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { JabberProfile } from '../JabberProfile';
import { DOMAIN, makeAccount, USERS } from './faultKit.testkit';

/** Cycles before the first heap reading (lazy modules, TLS context, feedback vectors). */
const WARM_UP = 30;
/** Cycles measured. */
const CYCLES = 300;
/** What a cycle may keep on average; one kept session is about 15 KB. */
const BYTES_PER_CYCLE = 256;
/** Noise between two readings (hash tables that grew and do not shrink, feedback). */
const SLACK_BYTES = 128 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** V8's compilers above the interpreter; Maglev is on by default from Node 22 (V8 11.7). */
const COMPILERS = ['turbofan', 'sparkplug', 'maglev'] as const;
const maglevByDefault = Number(process.versions.node.split('.')[0]) >= 22;

/** Turns the compilers off, or back to Node's defaults. */
function compilers(on: boolean): void {
  for (const name of COMPILERS) {
    const enable = on && (name !== 'maglev' || maglevByDefault);
    setFlagsFromString(`--${enable ? '' : 'no-'}${name}`);
  }
}

/** Heap in use after full collections, with the event loop turned between them. */
async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** Sessions the profile opened that were alive at the last look, held weakly. */
let opened: Array<WeakRef<ProtocolSession>> = [];
let openedCount = 0;

/** How many opened sessions are still alive (after a collection); forgets the others. */
async function sessionsAlive(): Promise<number> {
  await heapAfterGc();
  opened = opened.filter((ref) => ref.deref() !== undefined);
  return opened.length;
}

@injectable()
@injectFromBase({ extendConstructorArguments: true })
class WatchedJabberProfile extends JabberProfile {
  override async open(request: SessionRequest): Promise<ProtocolSession> {
    const session = await super.open(request);
    opened.push(new WeakRef(session));
    openedCount += 1;
    return session;
  }
}

const watchedJabber = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(WatchedJabberProfile).inSingletonScope();
});

async function cycle(account: Account, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await account.connect();
    await account.disconnect();
  }
}

describe('connect/disconnect cycles of one account (real Prosody)', () => {
  let server: ProsodyServer;
  let account: Account;

  beforeAll(async () => {
    compilers(false);
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
    const switchboard = Switchboard.create({ modules: [xmppModule, watchedJabber] });
    account = makeAccount(switchboard, server, 'alice');
  });
  afterAll(async () => {
    await account?.disconnect();
    await server?.stop();
    compilers(true);
  });

  it('when forced, garbage collection really collects', async () => {
    let garbage: object | undefined = { bytes: new Array(1024).fill(0) };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    await heapAfterGc();
    expect(ref.deref()).toBeUndefined();
  });

  it('when disconnect() resolves, nothing keeps the session alive', async () => {
    const first = openedCount;
    await cycle(account, 5);
    expect(openedCount - first).toBe(5);
    expect(await sessionsAlive()).toBe(0);
  });

  it(`when cycled ${CYCLES} times, the heap keeps less than ${BYTES_PER_CYCLE} bytes a cycle`, async () => {
    await cycle(account, WARM_UP);
    const before = await heapAfterGc();
    await cycle(account, CYCLES);
    const alive = await sessionsAlive();
    const after = await heapAfterGc();
    expect(after - before).toBeLessThan(SLACK_BYTES + CYCLES * BYTES_PER_CYCLE);
    expect(alive).toBe(0);
  }, 120_000);
});
