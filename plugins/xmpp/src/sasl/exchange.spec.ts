import { EventEmitter } from 'node:events';
import {
  type SaslMechanism,
  type SaslMechanismDefinition,
  SwitchboardError,
} from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { exchange, NS_SASL } from './exchange';
import { SaslAnswers } from './SaslAnswers';

/** Stands in for the xmpp.js entity: records what is sent, lets the test play the server. */
class FakeEntity extends EventEmitter {
  readonly sent: string[] = [];
  /** What SaslAnswers reported as sent out of turn. */
  readonly unexpected: SwitchboardError[] = [];
  #waiters: Array<() => void> = [];
  async send(element: Element): Promise<void> {
    this.sent.push(element.toString());
    for (const w of this.#waiters.splice(0)) w();
  }
  /** Resolves once `count` elements have been sent. */
  async sentCount(count: number): Promise<void> {
    while (this.sent.length < count) await new Promise<void>((r) => this.#waiters.push(r));
  }
  server(element: Element): void {
    this.emit('nonza', element);
  }
}

const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');

function definition(mechanism: SaslMechanism, clientFirst: boolean): SaslMechanismDefinition {
  return { name: mechanism.name, clientFirst, credentialKinds: [], create: () => mechanism };
}

function run(entity: FakeEntity, def: SaslMechanismDefinition, timeoutMs = 1000): Promise<void> {
  const client = entity as unknown as Client;
  const answers = new SaslAnswers(client, timeoutMs, (error) => entity.unexpected.push(error));
  return exchange(client, def, { username: 'u', password: 'secret' }, answers);
}

describe(exchange, () => {
  it('when the mechanism is server-first, sends <auth/> without text and answers the challenge', async () => {
    const seen: { challenges: Uint8Array[]; success: Uint8Array | null | undefined } = {
      challenges: [],
      success: undefined,
    };
    const mechanism: SaslMechanism = {
      name: 'X-SERVER-FIRST',
      clientFirst: false,
      challenge: (data) => void seen.challenges.push(data),
      response: () => new Uint8Array([0x00, 0xff, 0x01]),
      success: (data) => {
        seen.success = data;
      },
    };
    const entity = new FakeEntity();
    const done = run(entity, definition(mechanism, false));
    await entity.sentCount(1);
    expect(entity.sent[0]).toBe(`<auth xmlns="${NS_SASL}" mechanism="X-SERVER-FIRST"/>`);
    const binary = new Uint8Array([0x80, 0x00, 0xfe, 0x41]);
    entity.server(xml('challenge', { xmlns: NS_SASL }, b64(binary)));
    await entity.sentCount(2);
    expect(entity.sent[1]).toBe(
      `<response xmlns="${NS_SASL}">${b64(new Uint8Array([0x00, 0xff, 0x01]))}</response>`,
    );
    entity.server(xml('success', { xmlns: NS_SASL }, b64('final-data')));
    await done;
    expect(seen.challenges).toEqual([binary]);
    expect(Buffer.from(seen.success ?? []).toString()).toBe('final-data');
  });

  it('when the mechanism adds <auth/> attributes, they are on the wire, namespaced ones included', async () => {
    const mechanism: SaslMechanism = {
      name: 'X-ATTRS',
      clientFirst: true,
      response: () => '\u0000foo\u0000bar',
      challenge: () => undefined,
      authAttributes: () => ({
        'xmlns:auth': 'http://www.google.com/talk/protocol/auth',
        'auth:service': 'oauth2',
      }),
    };
    const entity = new FakeEntity();
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    expect(entity.sent[0]).toBe(
      `<auth xmlns="${NS_SASL}" mechanism="X-ATTRS" xmlns:auth="http://www.google.com/talk/protocol/auth" auth:service="oauth2">AGZvbwBiYXI=</auth>`,
    );
    entity.server(xml('success', { xmlns: NS_SASL }));
    await done;
  });

  it('when a client-first mechanism has an empty initial response, sends "="', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'EMPTY',
      clientFirst: true,
      response: () => '',
      challenge: () => undefined,
    };
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    expect(entity.sent[0]).toContain('>=</auth>');
    entity.server(xml('success', { xmlns: NS_SASL }));
    await done;
  });

  it('when the server fails the exchange, the error carries condition and text but no secret', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'PLAIN',
      clientFirst: true,
      response: () => '\u0000u\u0000secret',
      challenge: () => undefined,
    };
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    entity.server(
      xml(
        'failure',
        { xmlns: NS_SASL },
        xml('not-authorized'),
        xml('text', {}, 'Invalid username or password'),
      ),
    );
    const error = await done.catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: {
        condition: 'not-authorized',
        text: 'Invalid username or password',
        mechanism: 'PLAIN',
      },
    });
    expect(JSON.stringify(error) + String(error)).not.toContain('secret');
  });

  it('when the mechanism rejects a challenge, sends <abort/> and surfaces the coded error', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'X-STRICT',
      clientFirst: true,
      response: () => 'hello',
      challenge: () => {
        throw new SwitchboardError('SB_SASL_MALFORMED_CHALLENGE');
      },
    };
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    entity.server(xml('challenge', { xmlns: NS_SASL }, b64('garbage')));
    await expect(done).rejects.toMatchObject({ code: 'SB_SASL_MALFORMED_CHALLENGE' });
    expect(entity.sent[1]).toBe(`<abort xmlns="${NS_SASL}"/>`);
  });

  it('when the challenge is not base64, aborts with SB_SASL_MALFORMED_CHALLENGE', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'X',
      clientFirst: true,
      response: () => 'a',
      challenge: () => undefined,
    };
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    entity.server(xml('challenge', { xmlns: NS_SASL }, '!!not base64!!'));
    await expect(done).rejects.toMatchObject({ code: 'SB_SASL_MALFORMED_CHALLENGE' });
    expect(entity.sent.at(-1)).toContain('<abort');
  });

  it('when the server verifies nothing and the mechanism needs it, success fails the login', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'X-VERIFY',
      clientFirst: true,
      response: () => 'a',
      challenge: () => undefined,
      success: (data) => {
        if (data === null) throw new SwitchboardError('SB_SASL_SERVER_VERIFICATION_FAILED');
      },
    };
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    entity.server(xml('success', { xmlns: NS_SASL }));
    await expect(done).rejects.toMatchObject({ code: 'SB_SASL_SERVER_VERIFICATION_FAILED' });
  });

  it('when the server never answers, fails with SB_TIMEOUT', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'X',
      clientFirst: true,
      response: () => 'a',
      challenge: () => undefined,
    };
    await expect(run(entity, definition(mechanism, true), 50)).rejects.toMatchObject({
      code: 'SB_TIMEOUT',
    });
  });

  it('ignores non-SASL elements while waiting', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'X',
      clientFirst: true,
      response: () => 'a',
      challenge: () => undefined,
    };
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    entity.server(xml('features', { xmlns: 'http://etherx.jabber.org/streams' }));
    entity.server(xml('success', { xmlns: NS_SASL }));
    await done;
  });

  it('when the mechanism learned why it failed, those facts join the failure details', async () => {
    const entity = new FakeEntity();
    const mechanism: SaslMechanism = {
      name: 'X-LEARN',
      clientFirst: true,
      response: () => 'a',
      challenge: () => undefined,
      failureDetails: () => ({ status: 'invalid_token' }),
    };
    const done = run(entity, definition(mechanism, true));
    await entity.sentCount(1);
    entity.server(xml('failure', { xmlns: NS_SASL }, xml('not-authorized')));
    await expect(done).rejects.toMatchObject({
      code: 'SB_SASL_FAILURE',
      details: { status: 'invalid_token', condition: 'not-authorized' },
    });
  });
});
