import type { ChannelBindingType } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import xml from '@xmpp/xml';
import { TlsSocket } from '../connection/TlsSocket';
import { loginContext, NS_SASL_CB, serverChannelBindings } from './loginContext';

/** A TLS socket that can produce `types` (the data: the type's name as bytes). */
class FakeTls extends TlsSocket {
  constructor(private readonly types: ChannelBindingType[]) {
    super();
  }
  override channelBindings(): ChannelBindingType[] {
    return [...this.types];
  }
  override channelBinding(type: ChannelBindingType): Uint8Array | undefined {
    return this.types.includes(type) ? new TextEncoder().encode(type) : undefined;
  }
}

const entityOn = (socket: unknown) => ({ socket }) as unknown as Client;
const features = (...types: string[]) =>
  xml(
    'stream:features',
    {},
    xml(
      'sasl-channel-binding',
      { xmlns: NS_SASL_CB },
      ...types.map((type) => xml('channel-binding', { type })),
    ),
  );
const facts = { server: 'x.test', offered: ['SCRAM-SHA-256-PLUS'], scramKeys: undefined };

describe(serverChannelBindings, () => {
  it('reads the XEP-0440 list, undefined when the features carry none', () => {
    expect(serverChannelBindings(features('tls-exporter', 'tls-unique'))).toEqual([
      'tls-exporter',
      'tls-unique',
    ]);
    expect(serverChannelBindings(xml('stream:features', {}))).toBeUndefined();
  });
});

describe(loginContext, () => {
  it('when the server lists its types, keeps only those, best first', () => {
    const socket = new FakeTls(['tls-exporter', 'tls-server-end-point']);
    const context = loginContext(entityOn(socket), {
      ...facts,
      features: features('tls-server-end-point', 'tls-unique'),
    });
    expect(context.channelBindings).toEqual(['tls-server-end-point']);
    expect(context.serverChannelBindings).toEqual(['tls-server-end-point', 'tls-unique']);
    expect(context.channelBindingData('tls-exporter')).toBeUndefined();
    expect(new TextDecoder().decode(context.channelBindingData('tls-server-end-point'))).toBe(
      'tls-server-end-point',
    );
  });

  it('when the server lists nothing, offers everything the socket can produce', () => {
    const socket = new FakeTls(['tls-exporter', 'tls-server-end-point']);
    const context = loginContext(entityOn(socket), { ...facts, features: xml('stream:features') });
    expect(context.channelBindings).toEqual(['tls-exporter', 'tls-server-end-point']);
    expect(context.serverChannelBindings).toBeUndefined();
    expect(context).toMatchObject({ server: 'x.test', offered: ['SCRAM-SHA-256-PLUS'] });
  });

  it('when the stream is not TLS, has no channel binding', () => {
    const context = loginContext(entityOn({ secure: false }), {
      ...facts,
      features: features('tls-exporter'),
    });
    expect(context.channelBindings).toEqual([]);
    expect(context.channelBindingData('tls-exporter')).toBeUndefined();
  });
});
