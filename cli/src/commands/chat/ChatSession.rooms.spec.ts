import { SwitchboardError } from '@switchboard/core';
import { startChat as start } from './chatSession.testkit';

const ROOM = 'lounge@conference.example.org';

describe('ChatSession in rooms', () => {
  it('/join enters the room, prints who is there and its topic, then its recent history', async () => {
    const { account, input, settle, output } = start();
    account.capabilities = { chatStates: true, history: true } as typeof account.capabilities;
    account.page = {
      conversation: ROOM,
      complete: true,
      messages: [
        {
          from: ROOM,
          type: 'groupchat',
          nick: 'bob',
          body: 'earlier',
          archiveId: 'a1',
          outgoing: false,
          delay: { stamp: new Date(2026, 0, 2, 3, 4) },
        },
      ],
    };
    input.write(`/join ${ROOM} Al\nhello room\n`);
    await settle();
    await settle();
    expect(account.calls).toEqual([
      `joinRoom ${ROOM} {"nick":"Al","history":{"maxMessages":0}}`,
      `history ${ROOM} 20`,
    ]);
    expect(output()).toContain(
      `* You are in ${ROOM} as Al, 2 occupants: Al (you) @bob\n* Topic: Welcome\n`,
    );
    expect(output()).toContain(
      `-- 1 earlier message --\n[2026-01-02 03:04, delayed] ${ROOM} <bob> earlier\n-- now --\n`,
    );
    expect(account.sent).toEqual([
      { to: ROOM, body: 'hello room', type: 'groupchat', id: expect.any(String) },
    ]);
  });

  it('without history, joins with the room’s own replay and fetches nothing', async () => {
    const { account, input, settle } = start();
    input.write(`/join ${ROOM}\n`);
    await settle();
    expect(account.calls).toEqual([`joinRoom ${ROOM} {}`]);
  });

  it('prints room messages with the nick, occupant changes, topics, invitations and removal', async () => {
    const { account, output } = start();
    const bob = { room: ROOM, nick: 'bob', rank: 'member', self: false } as const;
    account.emit('message', { from: ROOM, type: 'groupchat', nick: 'bob', body: 'hi all' });
    account.emit('occupant', ROOM, { kind: 'joined', occupant: bob });
    account.emit('occupant', ROOM, {
      kind: 'renamed',
      occupant: { ...bob, nick: 'rob' },
      previousNick: 'bob',
    });
    account.emit('occupant', ROOM, {
      kind: 'left',
      occupant: { ...bob, nick: 'rob' },
      reason: 'kicked',
      by: 'carol',
      text: 'spam',
    });
    account.emit('topic', { room: ROOM, topic: 'News', by: 'carol' });
    account.emit('invitation', {
      room: 'other@conference.example.org',
      from: 'dave@example.org/x',
    });
    account.emit('roomLeft', { room: ROOM, reason: 'banned', by: 'carol' });
    const error = new SwitchboardError('SB_ROOM_JOIN_REFUSED', 'The room refused.');
    account.emit('roomLeft', { room: ROOM, reason: 'failed', error });
    expect(output()).toMatch(new RegExp(`^\\[\\d\\d:\\d\\d\\] ${ROOM} <bob> hi all$`, 'm'));
    expect(output()).toContain(
      [
        `* bob joined ${ROOM}`,
        `* bob is now known as rob in ${ROOM}`,
        `* rob was kicked from ${ROOM} (by carol: spam)`,
        `* ${ROOM} topic (set by carol): News`,
        '* dave@example.org invites you to other@conference.example.org: /join other@conference.example.org',
        `! You were banned from ${ROOM} (by carol)`,
        `! Could not rejoin ${ROOM}: The room refused.`,
      ].join('\n'),
    );
  });

  it('/who in a room lists its occupants; /topic shows and sets; /part leaves', async () => {
    const { account, input, settle, output } = start();
    input.write(`/join ${ROOM}\n/who\n/topic\n/topic Fresh news\n/part\n`);
    await settle();
    await settle();
    expect(output()).toContain(`In ${ROOM} as alice:\n  alice (you) @bob\n`);
    expect(output()).toContain(`* ${ROOM} topic: Welcome\n`);
    expect(output()).toContain(`* You left ${ROOM}\n`);
    expect(account.calls.slice(1)).toEqual([`setTopic ${ROOM} Fresh news`, `leaveRoom ${ROOM}`]);
  });

  it('prints delivery ticks for lines this chat sent, and messages from other devices', async () => {
    const { account, input, settle, output } = start('bob@example.org');
    input.write('are you there?\n');
    await settle();
    const id = account.sent[0]?.id ?? '';
    account.emit('delivery', { id, to: 'bob@example.org', state: 'accepted' });
    account.emit('delivery', { id, to: 'bob@example.org', state: 'read' });
    account.emit('delivery', { id: 'elsewhere', to: 'bob@example.org', state: 'read' });
    account.emit('ownMessage', {
      to: 'bob@example.org/phone',
      type: 'chat',
      body: 'from my phone',
    });
    expect(output()).toContain(
      '  ✓ sent to bob@example.org: "are you there?"\n  ✓✓ read to bob@example.org: "are you there?"\n',
    );
    expect(output()).not.toContain('elsewhere');
    expect(output()).toMatch(
      /^\[\d\d:\d\d\] you \(another device\) → bob@example\.org: from my phone$/m,
    );
  });

  it('/history of the current contact pages the archive; a bad count gets the usage', async () => {
    const { account, input, settle, output } = start('bob@example.org');
    input.write('/history 5\n/history many\n');
    await settle();
    expect(account.calls).toEqual(['history bob@example.org 5']);
    expect(output()).toContain('(no earlier messages)\n');
    expect(output()).toContain('Usage: /history [count from 1 to 1000]\n');
  });

  it('a room message that arrives while /join loads the history comes after it, and once', async () => {
    const { account, input, settle, output } = start();
    account.capabilities = { chatStates: true, history: true } as typeof account.capabilities;
    const archived = {
      from: ROOM,
      type: 'groupchat' as const,
      nick: 'bob',
      body: 'in the archive and live',
      archiveId: 'a9',
    };
    account.history = async (conversation: string) => {
      // Live while the page is on its way: one the page has too, and a newer one.
      account.emit('message', archived);
      account.emit('message', { ...archived, body: 'only live', archiveId: 'a10' });
      return {
        conversation,
        complete: true,
        messages: [{ ...archived, outgoing: false, delay: { stamp: new Date(2026, 0, 2, 3, 4) } }],
      };
    };
    input.write(`/join ${ROOM}\n`);
    await settle();
    await settle();
    const text = output();
    expect(text.split('in the archive and live')).toHaveLength(2);
    expect(text.indexOf('-- now --')).toBeLessThan(text.indexOf('only live'));
  });
});
