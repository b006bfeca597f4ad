/**
 * An interactive chat on one account (RFC 6121 messages and presence, XEP-0085 chat states):
 * prints what arrives, sends each typed line to the current contact, and understands a few
 * slash commands.
 */
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import {
  type Account,
  nextMessageId,
  type PresenceUpdate,
  SwitchboardError,
} from '@switchboard/core';
import { HELP } from './chatHelp';
import { contactCommand } from './contactCommands';
import { listenToConversations } from './conversationEvents';
import { formatOccupants } from './formatConversation';
import {
  bareAddress,
  formatChatState,
  formatMessage,
  formatPresence,
  formatSubscription,
} from './formatEvent';
import { HeldRoomLines } from './HeldRoomLines';
import { roomCommand } from './roomCommands';
import { SentLines } from './SentLines';
import { TypingNotifier } from './TypingNotifier';

/** What the session uses of an account. */
export type ChatAccount = Pick<
  Account,
  | 'on'
  | 'sendMessage'
  | 'sendChatState'
  | 'disconnect'
  | 'capabilities'
  | 'address'
  | 'state'
  | 'checkAddress'
  | 'addContact'
  | 'removeContact'
  | 'subscribe'
  | 'approveSubscription'
  | 'denySubscription'
  | 'joinRoom'
  | 'leaveRoom'
  | 'setTopic'
  | 'history'
  | 'rooms'
>;

/** Where the session reads and writes. */
export interface ChatIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A terminal: prompt, line editing, typing notifications. */
  readonly terminal: boolean;
}

/** One interactive session; {@link run} resolves when it ends. */
export class ChatSession {
  readonly #account: ChatAccount;
  readonly #io: ChatIo;
  readonly #rl: Interface;
  readonly #typing: TypingNotifier;
  readonly #seen = new Map<string, PresenceUpdate>();
  /** What this chat sent, by id, for the delivery ticks. */
  readonly #sent = new SentLines();
  readonly #held = new HeldRoomLines();
  #contact: string | undefined;
  #sending: Promise<void> = Promise.resolve();
  /**
   * The lines typed so far, handled one after the other: a line after `/join` talks in the
   * room, also when lines come faster than the server answers (a pipe).
   */
  #turn: Promise<void> = Promise.resolve();
  #ending = false;
  #end: ((error: SwitchboardError | undefined) => void) | undefined;
  readonly #ended: Promise<SwitchboardError | undefined>;

  constructor(account: ChatAccount, io: ChatIo, contact?: string) {
    this.#account = account;
    this.#io = io;
    this.#contact = contact;
    this.#ended = new Promise((resolve) => {
      this.#end = resolve;
    });
    this.#rl = createInterface({
      input: io.input,
      ...(io.terminal ? { output: io.output } : {}),
      terminal: io.terminal,
    });
    this.#typing = new TypingNotifier((state) => {
      const to = this.#contact;
      if (to === undefined || this.#inRoom(to) || !this.#account.capabilities.chatStates) return;
      this.#account.sendChatState(to, state).catch(() => undefined);
    });
  }

  /**
   * Starts reading lines and printing events. Resolves after the account disconnected: with
   * undefined when the user left, or the error that ended the session.
   */
  run(): Promise<SwitchboardError | undefined> {
    this.#listen();
    this.#rl.on('line', (line) => this.#line(line));
    // At the end of the input, the lines before it are handled first.
    this.#rl.on('close', () => void this.#turn.then(() => this.quit()));
    this.#rl.on('SIGINT', () => void this.quit());
    if (this.#io.terminal) {
      // Printable keys and Backspace count as typing; Enter, arrows and Ctrl-keys do not.
      // A line that starts with / is a command, not a message: nobody is told about it.
      this.#io.input.on('keypress', (text: string | undefined, key: { ctrl?: boolean } = {}) => {
        if (typeof text !== 'string' || text < ' ' || key.ctrl === true) return;
        if (/^\/(?!\/)/.test(this.#rl.line)) this.#typing.sent();
        else this.#typing.keyPressed();
      });
    }
    const who =
      this.#contact === undefined
        ? 'Choose a contact with /to <address>.'
        : `Talking to ${this.#contact}.`;
    this.#print(`Connected as ${this.#account.address}. ${who} /help lists commands.`);
    return this.#ended;
  }

  /** Leaves: waits for lines still being sent, disconnects, resolves {@link run}. */
  async quit(error?: SwitchboardError): Promise<void> {
    if (this.#ending) return;
    this.#ending = true;
    this.#typing.stop();
    this.#rl.close();
    await this.#sending;
    await this.#account.disconnect().catch(() => undefined);
    this.#io.output.write('Disconnected.\n');
    this.#end?.(error);
  }

  #listen(): void {
    const account = this.#account;
    account.on('message', (message) => {
      if (this.#contact === undefined && message.type !== 'error' && message.type !== 'groupchat') {
        this.#setContact(bareAddress(message.from));
      }
      if (message.type !== 'groupchat') this.#print(formatMessage(message));
    });
    listenToConversations(account, this.#sent, this.#held, (line) => this.#print(line));
    account.on('chatState', (update) => {
      const line = formatChatState(update);
      if (line !== undefined) this.#print(line);
    });
    account.on('presence', (presence) => {
      const from = bareAddress(presence.from);
      if (from === bareAddress(account.address ?? '')) return;
      this.#seen.set(from, presence);
      this.#print(formatPresence(presence));
    });
    account.on('subscription', (update) => this.#print(formatSubscription(update)));
    account.on('bounced', ({ to, error }) => {
      const condition = typeof error.details.condition === 'string' ? error.details.condition : '';
      this.#print(
        `! ${bareAddress(to)} could not be reached${condition ? ` (${condition})` : ''}.`,
      );
    });
    account.on('reconnecting', ({ delayMs, error }) => {
      const why = error === undefined ? '' : ` (${error.code})`;
      this.#print(`! Connection lost${why}; reconnecting in ${Math.ceil(delayMs / 1000)} s…`);
    });
    account.on('reconnected', ({ resumed }) => {
      this.#print(`* Back online${resumed ? ' (session resumed, nothing lost)' : ''}.`);
    });
    account.on('state', ({ to, error }) => {
      if (to === 'failed' || to === 'reauth-required') void this.quit(error);
      // A loss that will not be retried stays `disconnected` (a retry moves on at once).
      if (to === 'disconnected') {
        setImmediate(() => {
          if (this.#account.state === 'disconnected') void this.quit(error);
        });
      }
    });
  }

  #line(line: string): void {
    this.#turn = this.#turn.then(async () => {
      await this.#command(line);
      // The prompt comes back after each line, also when nothing was printed.
      if (this.#io.terminal && !this.#ending) this.#prompt();
    });
  }

  /** Handles one line; resolves once the next line may be handled. */
  #command(line: string): Promise<void> | undefined {
    const text = line.trim();
    if (text === '' || this.#ending) return undefined;
    if (text.startsWith('//')) {
      this.#send(line.slice(line.indexOf('/') + 1));
      return undefined;
    }
    if (!text.startsWith('/')) {
      this.#send(line);
      return undefined;
    }
    const [command = '', ...rest] = text.split(/\s+/);
    const argument = rest.join(' ');
    const contact = contactCommand(this.#account, command, argument);
    if (contact !== undefined) {
      // In the order typed, after what was typed before.
      this.#sending = this.#sending.then(contact).then((result) => this.#print(result));
      return this.#sending;
    }
    const room = roomCommand(
      this.#account,
      { target: this.#contact, enter: (address) => this.#enter(address), held: this.#held },
      command,
      argument,
    );
    if (room !== undefined) {
      this.#sending = this.#sending.then(room).then((lines) => this.#printAll(lines));
      return this.#sending;
    }
    switch (command) {
      case '/to':
        if (argument === '') this.#print(`Talking to ${this.#contact ?? 'nobody yet'}.`);
        else this.#setContact(argument);
        return undefined;
      case '/who':
        this.#who();
        return undefined;
      case '/quit':
      case '/exit':
        void this.quit();
        return undefined;
      case '/help':
        this.#printAll(HELP);
        return undefined;
      default:
        this.#print(`Unknown command ${command}; /help lists them.`);
        return undefined;
    }
  }

  #send(body: string): void {
    const to = this.#contact;
    if (to === undefined) {
      this.#print('No contact yet: choose one with /to <address>.');
      return;
    }
    this.#typing.sent();
    const room = this.#inRoom(to);
    const chatState =
      this.#account.capabilities.chatStates && !room ? { chatState: 'active' as const } : {};
    const id = nextMessageId();
    this.#sent.remember(id, body);
    const type = room ? ('groupchat' as const) : ('chat' as const);
    // The account sends in order; each line settles when the server confirmed it.
    const sent = this.#account.sendMessage({ to, body, id, type, ...chatState }).then(
      () => undefined,
      (error: unknown) => {
        const why = SwitchboardError.is(error) ? error.message : String(error);
        this.#print(`! Not sent to ${to}: ${why}`);
      },
    );
    this.#sending = Promise.all([this.#sending, sent]).then(() => undefined);
  }

  #inRoom(address: string): boolean {
    return this.#account.rooms.some((r) => r.room === address);
  }

  /** Talks to a room the account is in from now on. */
  #enter(room: string): void {
    this.#typing.sent();
    this.#contact = room;
  }

  #setContact(address: string): void {
    if (this.#inRoom(address)) {
      this.#enter(address);
      this.#print(`(now talking in ${address})`);
      return;
    }
    try {
      this.#account.checkAddress(address, 'contact');
    } catch (error) {
      this.#print(`! ${SwitchboardError.is(error) ? error.message : String(error)}`);
      return;
    }
    this.#typing.sent();
    this.#contact = address;
    this.#print(`(now talking to ${address})`);
  }

  #who(): void {
    const here = this.#account.rooms.find((r) => r.room === this.#contact);
    if (here !== undefined) {
      this.#printAll([`In ${here.room} as ${here.nick}:`, `  ${formatOccupants(here)}`]);
      return;
    }
    const lines = [`Talking to ${this.#contact ?? 'nobody yet'}.`];
    if (this.#seen.size === 0) lines.push('No presence seen yet.');
    for (const presence of this.#seen.values())
      lines.push(`  ${formatPresence(presence).slice(2)}`);
    this.#printAll(lines);
  }

  #printAll(lines: readonly string[]): void {
    for (const line of lines) this.#print(line);
  }

  /** Prints a line above the input line, keeping what the user is typing. */
  #print(line: string): void {
    const { output, terminal } = this.#io;
    if (!terminal) {
      output.write(`${line}\n`);
      return;
    }
    clearLine(output, 0);
    cursorTo(output, 0);
    output.write(`${line}\n`);
    if (!this.#ending) this.#prompt();
  }

  /** Redraws the prompt and what the user is typing. */
  #prompt(): void {
    this.#rl.setPrompt(`${this.#contact ?? '(no contact)'}> `);
    this.#rl.prompt(true);
  }
}
