import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { AccountEvents, CapabilitySet, OutboundMessage } from '@switchboard/core';
import { SwitchboardError } from '@switchboard/core';
import { type ChatAccount, ChatSession } from './ChatSession';

/** The account as the session sees it; `emit` is typed like the real one's events. */
class FakeAccount extends EventEmitter {
  override emit<E extends keyof AccountEvents>(
    event: E,
    ...args: Parameters<AccountEvents[E]>
  ): boolean {
    return super.emit(event, ...args);
  }

  readonly sent: OutboundMessage[] = [];
  readonly address = 'alice@example.org/cli';
  state = 'online';
  disconnected = 0;
  failNext: SwitchboardError | undefined;
  capabilities = { chatStates: true } as CapabilitySet;
  async sendMessage(message: OutboundMessage): Promise<void> {
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure !== undefined) throw failure;
    this.sent.push(message);
  }
  async sendChatState(): Promise<void> {}
  checkAddress(address: string, field = 'address'): void {
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      throw new SwitchboardError('SB_ADDRESS_INVALID', `The ${field} address is not valid.`, {
        details: { field },
      });
    }
  }
  async disconnect(): Promise<void> {
    this.disconnected += 1;
    this.state = 'offline';
  }
}

function start(contact?: string) {
  const account = new FakeAccount();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const session = new ChatSession(
    account as unknown as ChatAccount,
    { input, output, terminal: false },
    contact,
  );
  const ended = session.run();
  const settle = () => new Promise((r) => setImmediate(r));
  return { account, input, ended, settle, output: () => text };
}

describe(ChatSession, () => {
  describe('.run', () => {
    it('when /to names an invalid address, says why and keeps the current contact', async () => {
      const { account, input, settle, output } = start('bob@example.org');
      input.write('/to not a jid\nhello\n');
      await settle();
      expect(output()).toContain('! The contact address is not valid.');
      expect(account.sent).toEqual([{ to: 'bob@example.org', body: 'hello', chatState: 'active' }]);
    });

    it('when a server returns a message, says the contact could not be reached and why', async () => {
      const { account, settle, output } = start('bob@example.org');
      account.emit('bounced', {
        id: 'm1',
        to: 'nobody@example.org',
        error: new SwitchboardError('SB_MESSAGE_BOUNCED', undefined, {
          details: { condition: 'service-unavailable' },
        }),
      });
      await settle();
      expect(output()).toContain(
        '! nobody@example.org could not be reached (service-unavailable).',
      );
    });

    it('when a line is typed, sends it to the contact with chat state active', async () => {
      const { account, input, settle } = start('bob@example.org');
      input.write('hello\n');
      await settle();
      expect(account.sent).toEqual([{ to: 'bob@example.org', body: 'hello', chatState: 'active' }]);
    });

    it('when a send fails, says so and keeps going', async () => {
      const { account, input, settle, output } = start('bob@example.org');
      account.failNext = new SwitchboardError('SB_CAPABILITY_UNSUPPORTED', 'Not here.');
      input.write('first\nsecond\n');
      await settle();
      await settle();
      expect(output()).toContain('! Not sent to bob@example.org: Not here.\n');
      expect(account.sent.map((m) => m.body)).toEqual(['second']);
    });

    it('when the connection is lost for good, ends with its error after disconnecting', async () => {
      const { account, ended } = start('bob@example.org');
      const error = new SwitchboardError('SB_STREAM_ERROR', 'conflict');
      account.state = 'disconnected';
      account.emit('state', { from: 'online', to: 'disconnected', error });
      await expect(ended).resolves.toBe(error);
      expect(account.disconnected).toBe(1);
    });

    it('when the connection is lost and retried, stays and reports the retry', async () => {
      const { account, settle, output } = start('bob@example.org');
      account.state = 'reconnecting';
      account.emit('state', { from: 'online', to: 'disconnected' });
      account.emit('reconnecting', { attempt: 1, delayMs: 1500 });
      await settle();
      expect(output()).toContain('! Connection lost; reconnecting in 2 s…');
      expect(account.disconnected).toBe(0);
    });

    it('when /quit is typed, waits for pending sends, disconnects and resolves undefined', async () => {
      const { account, input, ended, output } = start('bob@example.org');
      input.write('last words\n/quit\n');
      await expect(ended).resolves.toBeUndefined();
      expect(account.sent.map((m) => m.body)).toEqual(['last words']);
      expect(account.disconnected).toBe(1);
      expect(output()).toMatch(/Disconnected\.\n$/);
    });
  });

  describe('events', () => {
    it('when a delayed message arrives, prints its original date', async () => {
      const { account, output } = start('bob@example.org');
      account.emit('message', {
        from: 'bob@example.org/phone',
        type: 'chat',
        body: 'two\nlines',
        delay: { stamp: new Date(2026, 0, 2, 3, 4) },
      });
      expect(output()).toContain('[2026-01-02 03:04, delayed] bob@example.org: two\n    lines\n');
    });

    it('when the account’s own presence comes back, prints nothing', async () => {
      const { account, output } = start();
      account.emit('presence', { from: 'alice@example.org/other', availability: 'available' });
      account.emit('presence', { from: 'bob@example.org/x', availability: 'dnd', status: 'busy' });
      expect(output()).not.toContain('alice@example.org is');
      expect(output()).toContain('* bob@example.org is busy (busy)\n');
    });
  });
});
