import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProtocolSession, SessionSink } from '../plugins/ProtocolPlugin';
import { scrubbedSession, scrubbedSink } from './scrubbedSession';

const scrub = (error: unknown): unknown => new Error(`scrubbed ${(error as Error).message}`);

describe(scrubbedSession, () => {
  class Session {
    readonly #address = 'me@x/1';
    readonly liveness = { keepalive: () => 'kept' };
    get address(): string {
      return this.#address;
    }
    continuation(): { protocol: string } {
      return { protocol: this.#address };
    }
    async ping(): Promise<number> {
      throw new Error('async');
    }
    close(): Promise<void> {
      throw new Error('sync');
    }
  }

  it('when a method rejects or throws, the error is scrubbed; everything else passes through', async () => {
    const session = scrubbedSession(new Session() as unknown as ProtocolSession, scrub);
    await expect(session.ping?.()).rejects.toThrow('scrubbed async');
    expect(() => session.close()).toThrow('scrubbed sync');
    expect(session.address).toBe('me@x/1');
    expect(session.continuation?.()).toEqual({ protocol: 'me@x/1' });
    expect((session.liveness as unknown as Session['liveness']).keepalive()).toBe('kept');
  });
});

describe(scrubbedSink, () => {
  it('when the session reports an error, the sink gets it scrubbed; other arguments unchanged', () => {
    const seen: unknown[] = [];
    const sink = scrubbedSink(
      {
        closed: (error?: SwitchboardError) => seen.push(error),
        message: (message: unknown) => seen.push(message),
      } as unknown as SessionSink,
      scrub,
    );
    sink.closed(new SwitchboardError('SB_STREAM_ERROR', 'echo'));
    sink.closed();
    const message = { from: 'a', body: 'b', type: 'chat' as const };
    sink.message(message);
    expect(seen).toEqual([new Error('scrubbed echo'), undefined, message]);
    expect(seen[2]).toBe(message);
  });
});
