import type { ChatState } from '@switchboard/core';
import { PAUSE_AFTER_MS, TypingNotifier } from './TypingNotifier';

describe(TypingNotifier, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when keys are pressed, sends composing once, then paused after a quiet while', () => {
    const sent: ChatState[] = [];
    const typing = new TypingNotifier((state) => sent.push(state));
    typing.keyPressed();
    typing.keyPressed();
    jest.advanceTimersByTime(PAUSE_AFTER_MS - 1);
    typing.keyPressed();
    expect(sent).toEqual(['composing']);
    jest.advanceTimersByTime(PAUSE_AFTER_MS);
    expect(sent).toEqual(['composing', 'paused']);
    typing.keyPressed();
    expect(sent).toEqual(['composing', 'paused', 'composing']);
  });

  it('when the line is sent, starts over without sending paused', () => {
    const sent: ChatState[] = [];
    const typing = new TypingNotifier((state) => sent.push(state));
    typing.keyPressed();
    typing.sent();
    jest.advanceTimersByTime(PAUSE_AFTER_MS * 2);
    typing.keyPressed();
    expect(sent).toEqual(['composing', 'composing']);
    typing.stop();
  });
});
