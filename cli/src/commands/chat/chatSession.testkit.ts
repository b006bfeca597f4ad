/** A scriptable account and a started chat for ChatSession tests. */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type {
  AccountEvents,
  CapabilitySet,
  HistoryPage,
  JoinRoomOptions,
  OutboundMessage,
  RoomState,
} from '@switchboard/core';
import { SwitchboardError } from '@switchboard/core';
import { type ChatAccount, ChatSession } from './ChatSession';

/** The account as the session sees it; `emit` is typed like the real one's events. */
export class FakeAccount extends EventEmitter {
  override emit<E extends keyof AccountEvents>(
    event: E,
    ...args: Parameters<AccountEvents[E]>
  ): boolean {
    return super.emit(event, ...args);
  }

  readonly sent: OutboundMessage[] = [];
  /** Chat states and contact operations, in order. */
  readonly calls: string[] = [];
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
  async sendChatState(to: string, state: string): Promise<void> {
    this.calls.push(`chatState ${to} ${state}`);
  }
  async addContact({ address }: { address: string }): Promise<void> {
    this.calls.push(`addContact ${address}`);
  }
  async removeContact(address: string): Promise<void> {
    this.calls.push(`removeContact ${address}`);
  }
  async subscribe(address: string): Promise<void> {
    this.calls.push(`subscribe ${address}`);
  }
  async approveSubscription(address: string): Promise<void> {
    this.calls.push(`approveSubscription ${address}`);
  }
  /** The next contact operation fails with it. */
  refuseNext: SwitchboardError | undefined;
  async denySubscription(address: string): Promise<void> {
    const failure = this.refuseNext;
    this.refuseNext = undefined;
    if (failure !== undefined) throw failure;
    this.calls.push(`denySubscription ${address}`);
  }
  checkAddress(address: string, field = 'address'): void {
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      throw new SwitchboardError('SB_ADDRESS_INVALID', `The ${field} address is not valid.`, {
        details: { field },
      });
    }
  }
  rooms: RoomState[] = [];
  /** What `history` answers. */
  page: HistoryPage | undefined;
  async joinRoom(room: string, options: JoinRoomOptions = {}): Promise<RoomState> {
    this.calls.push(`joinRoom ${room} ${JSON.stringify(options)}`);
    const nick = options.nick ?? 'alice';
    const state: RoomState = {
      room,
      nick,
      occupants: [
        { room, nick, rank: 'member', self: true },
        { room, nick: 'bob', rank: 'moderator', self: false },
      ],
      topic: 'Welcome',
    };
    this.rooms.push(state);
    this.emit('roomJoined', state);
    return state;
  }
  async leaveRoom(room: string): Promise<void> {
    this.calls.push(`leaveRoom ${room}`);
    this.rooms = this.rooms.filter((r) => r.room !== room);
    this.emit('roomLeft', { room, reason: 'requested' });
  }
  async setTopic(room: string, topic: string): Promise<void> {
    this.calls.push(`setTopic ${room} ${topic}`);
  }
  async history(conversation: string, query: { limit?: number } = {}): Promise<HistoryPage> {
    this.calls.push(`history ${conversation} ${query.limit}`);
    return this.page ?? { conversation, messages: [], complete: true };
  }
  async disconnect(): Promise<void> {
    this.disconnected += 1;
    this.state = 'offline';
  }
}

/** A chat on a fake account, reading `input` and printing to what `output()` returns. */
export function startChat(contact?: string, terminal = false) {
  const account = new FakeAccount();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const session = new ChatSession(
    account as unknown as ChatAccount,
    { input, output, terminal },
    contact,
  );
  const ended = session.run();
  const settle = () => new Promise((r) => setImmediate(r));
  return { account, input, ended, settle, output: () => text };
}
