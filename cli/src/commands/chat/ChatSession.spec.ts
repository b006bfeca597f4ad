import { stripVTControlCharacters } from 'node:util';
import { SwitchboardError } from '@switchboard/core';
import { ChatSession } from './ChatSession';
import { startChat as start } from './chatSession.testkit';

describe(ChatSession, () => {
  describe('.run', () => {
    it('when /to names an invalid address, says why and keeps the current contact', async () => {
      const { account, input, settle, output } = start('bob@example.org');
      input.write('/to not a jid\nhello\n');
      await settle();
      expect(output()).toContain('! The contact address is not valid.');
      expect(account.sent).toEqual([
        {
          to: 'bob@example.org',
          body: 'hello',
          chatState: 'active',
          type: 'chat',
          id: expect.any(String),
        },
      ]);
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
      expect(account.sent).toEqual([
        {
          to: 'bob@example.org',
          body: 'hello',
          chatState: 'active',
          type: 'chat',
          id: expect.any(String),
        },
      ]);
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

  describe('contact commands', () => {
    it('when /add, /approve, /deny and /remove are typed, runs them in order and says what happened', async () => {
      const { account, input, ended, output } = start('bob@example.org');
      input.write(
        '/add carol@example.org\n/approve dave@example.org\n/deny eve@example.org\n' +
          '/remove carol@example.org\n/quit\n',
      );
      await ended;
      expect(account.calls).toEqual([
        'addContact carol@example.org',
        'subscribe carol@example.org',
        'approveSubscription dave@example.org',
        'denySubscription eve@example.org',
        'removeContact carol@example.org',
      ]);
      expect(output()).toContain('(added carol@example.org; asked to see their presence)\n');
      expect(output()).toContain('(dave@example.org can see your presence now)\n');
      expect(output()).toContain('(refused the request of eve@example.org)\n');
      expect(output()).toContain('(removed carol@example.org)\n');
      expect(account.sent).toEqual([]);
    });

    it('when the address is missing or the account refuses, says so and keeps going', async () => {
      const { account, input, settle, output } = start('bob@example.org');
      account.refuseNext = new SwitchboardError('SB_ACCOUNT_STATE', 'Not online.');
      input.write('/approve\n/deny eve@example.org\nstill here\n');
      await settle();
      await settle();
      expect(output()).toContain('Usage: /approve <address>, e.g. /approve bob@example.org\n');
      expect(output()).toContain(
        '! Could not refuse the request of eve@example.org: Not online.\n',
      );
      expect(account.sent.map((m) => m.body)).toEqual(['still here']);
    });

    it('when someone asks to see the presence, says how to answer', () => {
      const { account, output } = start('bob@example.org');
      account.emit('subscription', { from: 'carol@example.org', type: 'subscribe' });
      expect(output()).toContain(
        '* carol@example.org asks to see your presence: /approve carol@example.org or /deny carol@example.org\n',
      );
    });
  });

  describe('in a terminal', () => {
    it('when a line is sent, the prompt comes back', async () => {
      const { input, settle, output } = start('bob@example.org', true);
      await settle();
      const before = output().length;
      input.write('hello\r');
      await settle();
      expect(stripVTControlCharacters(output().slice(before))).toMatch(/\nbob@example\.org> $/);
    });

    it('when a command is typed, no typing notification is sent; when a message is, one is', async () => {
      const { account, input, settle } = start('bob@example.org', true);
      input.write('/who');
      await settle();
      expect(account.calls).toEqual([]);
      input.write('\rhi');
      await settle();
      expect(account.calls).toEqual(['chatState bob@example.org composing']);
    });

    it('when a typing notification was delayed, it is not shown as live', () => {
      const { account, output } = start('bob@example.org');
      account.emit('chatState', {
        from: 'bob@example.org/phone',
        state: 'composing',
        delay: { stamp: new Date(2026, 0, 2, 3, 4) },
      });
      account.emit('chatState', { from: 'carol@example.org/pc', state: 'composing' });
      expect(output()).not.toContain('bob@example.org is typing');
      expect(output()).toContain('… carol@example.org is typing\n');
    });
  });
});
