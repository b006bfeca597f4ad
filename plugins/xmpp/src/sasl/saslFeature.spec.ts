import { EventEmitter } from 'node:events';
import { SaslRegistry, type SwitchboardError } from '@switchboard/core';
import { plain } from '@switchboard/sasl';
import type { Client } from '@xmpp/client-core';
import type { Context, Next } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml, { type Element } from '@xmpp/xml';
import { NS_SASL } from './exchange';
import { saslFeature } from './saslFeature';

type FeatureHandler = (ctx: Context, next: Next, feature: Element) => unknown;

/** Stands in for the xmpp.js entity: records what is sent, errors, and a destroyed socket. */
class FakeEntity extends EventEmitter {
  readonly sent: string[] = [];
  readonly errors: SwitchboardError[] = [];
  destroyed = false;
  readonly socket = {
    destroy: (): void => {
      this.destroyed = true;
    },
  };
  constructor() {
    super();
    this.on('error', (error: SwitchboardError) => this.errors.push(error));
  }
  isSecure(): boolean {
    return true;
  }
  async send(element: Element): Promise<void> {
    if (this.destroyed) throw new Error('the socket is destroyed');
    this.sent.push(element.toString());
  }
  server(element: Element): void {
    this.emit('nonza', element);
  }
}

/** saslFeature on a fake entity; `offer()` plays the server's mechanisms feature. */
function setup({ watchFromStart }: { watchFromStart: boolean }) {
  const entity = new FakeEntity();
  let handler: FeatureHandler | undefined;
  const streamFeatures: StreamFeatures = {
    use: (_name, _ns, h) => {
      handler = h;
    },
  };
  const client = entity as unknown as Client;
  saslFeature({
    streamFeatures,
    registry: new SaslRegistry().register(plain),
    credentials: { username: 'alice', password: 'secret' },
    credentialKinds: ['password'],
    profileMechanisms: undefined,
    accountMechanisms: undefined,
    allowInsecure: false,
    timeoutMs: 1000,
    onSelected: () => undefined,
    ...(watchFromStart ? { entity: client } : {}),
  });
  const offer = (): Promise<unknown> => {
    const feature = xml('mechanisms', { xmlns: NS_SASL }, xml('mechanism', {}, 'PLAIN'));
    const ctx = { entity: client } as Context;
    return Promise.resolve(handler?.(ctx, async () => undefined, feature));
  };
  return { entity, offer };
}

const success = (): Element => xml('success', { xmlns: NS_SASL });

describe(saslFeature, () => {
  it('when <success/> comes right after the mechanisms, before <auth/>, drops the connection with SB_SASL_PROTOCOL and sends nothing', async () => {
    const { entity, offer } = setup({ watchFromStart: false });
    const exchange = offer();
    entity.server(success());
    await expect(exchange).rejects.toThrow('the socket is destroyed');
    expect(entity.sent).toEqual([]);
    expect(entity.errors).toEqual([
      expect.objectContaining({
        code: 'SB_SASL_PROTOCOL',
        details: { element: 'success', reason: 'unsolicited' },
      }),
    ]);
    expect(entity.destroyed).toBe(true);
  });

  it.each([
    ['given at setup', 'drops the connection', true],
    ['not given', 'does not see it yet', false],
  ])(
    'when <success/> comes before the mechanisms are offered and the entity was %s, %s',
    (_, _outcome, watchFromStart) => {
      const { entity } = setup({ watchFromStart });
      entity.server(success());
      expect(entity.errors.map((e) => e.code)).toEqual(watchFromStart ? ['SB_SASL_PROTOCOL'] : []);
      expect(entity.destroyed).toBe(watchFromStart);
    },
  );
});
