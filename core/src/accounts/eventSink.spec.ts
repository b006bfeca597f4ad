import { EventEmitter } from 'eventemitter3';
import type { LoginFraming } from '../plugins/LoginFraming';
import type { AccountEvents } from './AccountEvents';
import { eventSink } from './eventSink';
import type { MessageSender } from './reliability/MessageSender';

describe(eventSink, () => {
  it('emits the chosen mechanism with its trace and framing as the mechanism event', () => {
    const account = new EventEmitter<AccountEvents>();
    const seen: unknown[][] = [];
    account.on('mechanism', (...args) => seen.push(args));
    const sink = eventSink(account, {} as MessageSender);
    const framing: LoginFraming = {
      framing: 'sasl2',
      fast: true,
      tokenRequested: false,
      reason: 'fast-token',
    };
    const trace = [{ mechanism: 'HT-SHA-256-EXPR', outcome: 'selected' as const }];
    sink.mechanismSelected('HT-SHA-256-EXPR', trace, framing);
    sink.mechanismSelected('PLAIN', []);
    expect(seen).toEqual([
      ['HT-SHA-256-EXPR', trace, framing],
      ['PLAIN', [], undefined],
    ]);
  });
});
