import { type ErgoServer, startErgo } from '@switchboard/testing';
import { BRIDGE_NICK, DEMO_BRIDGE_PASSWORD, DEMO_IRIS_PASSWORD, IRIS } from './ircCast';
import type { Progress } from './Progress';
import type { Resources } from './Resources';

/**
 * Starts the IRC network of the demo: Debian's ergo on a free loopback TLS port (its own
 * throwaway CA), with Iris and the bridge registered; held by `resources` to be stopped.
 * @throws SwitchboardError SB_ERGO_MISSING naming the package when ergo is not installed.
 */
export async function startIrcNetwork(
  progress: Progress,
  resources: Resources,
): Promise<ErgoServer> {
  const ergo = await startErgo({
    history: true,
    accounts: [
      { name: IRIS.user, password: DEMO_IRIS_PASSWORD },
      { name: BRIDGE_NICK, password: DEMO_BRIDGE_PASSWORD },
    ],
  });
  resources.add('ergo (IRC)', ergo, (e) => e.stop());
  progress.detail(
    `ergo (IRC) on ${ergo.host}:${ergo.tlsPort} (TLS): SASL SCRAM-SHA-256, PLAIN, EXTERNAL; echo-message, +typing`,
  );
  return ergo;
}
