import { type Account, Switchboard } from '@switchboard/core';
import { jabberModule } from '@switchboard/profile-jabber';
import { xmppModule } from '@switchboard/xmpp';
import { client } from '@xmpp/client';

/** Where the benchmark logs in. */
export interface Target {
  readonly host: string;
  readonly port: number;
  readonly domain: string;
  readonly username: string;
  readonly password: string;
  readonly ca: string;
}

/** One login, connect → online, then a clean stop; resolves with the login time in ms. */
export type Login = (mechanism: string) => Promise<number>;

/** Switchboard with the Jabber profile; one Switchboard instance, a fresh account per login. */
export function switchboardLogin(target: Target): Login {
  const switchboard = Switchboard.create({ modules: [xmppModule, jabberModule] });
  return async (mechanism) => {
    const account: Account = switchboard.createAccount({
      profile: 'jabber',
      address: `${target.username}@${target.domain}`,
      credential: { kind: 'password', password: target.password },
      server: { host: target.host, port: target.port },
      tls: { ca: target.ca },
      mechanisms: [mechanism],
      initialPresence: false,
    });
    const start = performance.now();
    await account.connect();
    const elapsed = performance.now() - start;
    await account.disconnect();
    return elapsed;
  };
}

/**
 * Raw `@xmpp/client` 0.14 with its own SASL. It cannot take a CA, so the benchmark process runs
 * with NODE_EXTRA_CA_CERTS pointing at the test CA.
 */
export function rawXmppLogin(target: Target): Login {
  return async (mechanism) => {
    const xmpp = client({
      service: `xmpp://${target.host}:${target.port}`,
      domain: target.domain,
      credentials: async (
        authenticate: (credentials: object, mechanism: string) => Promise<void>,
        offered: string[],
      ) => {
        if (!offered.includes(mechanism)) throw new Error(`xmpp.js cannot use ${mechanism}`);
        await authenticate({ username: target.username, password: target.password }, mechanism);
      },
    });
    xmpp.reconnect.stop();
    xmpp.on('error', () => undefined);
    const start = performance.now();
    await xmpp.start();
    const elapsed = performance.now() - start;
    await xmpp.stop();
    return elapsed;
  };
}
