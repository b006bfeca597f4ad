import { EventEmitter } from 'node:events';
import type { SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import xml from '@xmpp/xml';
import { NS_SASL } from './exchange';
import { SaslAnswers } from './SaslAnswers';

/** An entity the test plays the server on, and SaslAnswers watching it. */
function watched(timeoutMs = 1000) {
  const entity = new EventEmitter();
  const unexpected: SwitchboardError[] = [];
  const answers = new SaslAnswers(entity as unknown as Client, timeoutMs, (error) =>
    unexpected.push(error),
  );
  const server = (name: string, xmlns = NS_SASL): void => {
    entity.emit('nonza', xml(name, { xmlns }));
  };
  return { entity, answers, unexpected, server };
}

describe(SaslAnswers, () => {
  describe('.next', () => {
    it('when the server answers once per request, resolves each answer and reports nothing', async () => {
      const { answers, unexpected, server } = watched();
      const first = answers.next();
      server('challenge');
      await expect(first).resolves.toMatchObject({ name: 'challenge' });
      const second = answers.next();
      server('success');
      await expect(second).resolves.toMatchObject({ name: 'success' });
      expect(unexpected).toEqual([]);
    });

    it('when the wait fails (timeout), the next SASL element is out of turn', async () => {
      const { answers, unexpected, server } = watched(10);
      await expect(answers.next()).rejects.toMatchObject({ code: 'SB_TIMEOUT' });
      server('success');
      expect(unexpected).toEqual([expect.objectContaining({ code: 'SB_SASL_PROTOCOL' })]);
    });
  });

  describe('unsolicited elements', () => {
    it.each([
      ['a <success/> before anything was asked', ['success']],
      ['a <challenge/> after <success/>', ['challenge']],
      ['a <failure/> when nothing is due', ['failure']],
    ])('when the server sends %s, reports SB_SASL_PROTOCOL at once', (_, names) => {
      const { unexpected, server } = watched();
      for (const name of names) server(name);
      expect(unexpected).toEqual([
        expect.objectContaining({
          code: 'SB_SASL_PROTOCOL',
          details: { element: names[0], reason: 'unsolicited' },
        }),
      ]);
    });

    it('when two answers come for one request, takes the first and reports the second', async () => {
      const { answers, unexpected, server } = watched();
      const answer = answers.next();
      server('success');
      server('success');
      await expect(answer).resolves.toMatchObject({ name: 'success' });
      expect(unexpected).toEqual([
        expect.objectContaining({
          code: 'SB_SASL_PROTOCOL',
          details: expect.objectContaining({ element: 'success' }),
        }),
      ]);
    });

    it('when elements of other namespaces come, ignores them', () => {
      const { unexpected, server } = watched();
      server('features', 'http://etherx.jabber.org/streams');
      server('success', 'urn:xmpp:sasl:2');
      expect(unexpected).toEqual([]);
    });
  });
});
