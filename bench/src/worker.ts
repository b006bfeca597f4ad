/**
 * A benchmark worker: runs one {@link Job} from `SB_BENCH_JOB` and prints its result as one line
 * of JSON. Started by `run.ts` with NODE_EXTRA_CA_CERTS (raw xmpp.js and StanzaJS cannot be given
 * a CA any other way) and `--expose-gc`.
 */
import type { Job } from './jobs';
import { createPeer } from './peers';
import {
  createIrcPeers,
  type IrcBenchServer,
  type IrcPeer,
  type IrcPeerId,
} from './peers/ircPeers';
import { measureIrcLogins } from './scenarios/ircLogin';
import { measureIrcScale } from './scenarios/ircScale';
import { measureIrcThroughput } from './scenarios/ircThroughput';
import { measureLogins } from './scenarios/login';
import { measureLogins13 } from './scenarios/login13';
import { measureScale } from './scenarios/scale';
import { measureThroughput } from './scenarios/throughput';

/** The IRC peers of `ids`; the parent sends only peers it found available. */
async function ircPeers(ids: readonly IrcPeerId[], server: IrcBenchServer): Promise<IrcPeer[]> {
  const { peers, unavailable } = await createIrcPeers(ids, server);
  const [missing] = unavailable;
  if (missing !== undefined) throw new Error(`${missing.id}: ${missing.unavailable}`);
  return peers;
}

async function runJob(job: Job): Promise<unknown> {
  switch (job.kind) {
    case 'login':
      return measureLogins(
        job.peers.map((id) => createPeer(id, job.server)),
        job.server,
        job.plans,
      );
    case 'login13': {
      const { classic, sasl2 } = job.servers;
      return measureLogins13(
        {
          servers: job.servers,
          peers: {
            classic: job.peers.map((id) => createPeer(id, classic)),
            sasl2: job.peers.map((id) => createPeer(id, sasl2)),
          },
        },
        job.plan,
      );
    }
    case 'throughput':
      return measureThroughput(
        job.peers.map((id) => createPeer(id, job.server)),
        job.server,
        job.plan,
      );
    case 'scale':
      return measureScale(createPeer(job.peer, job.server), job.server, job.plan);
    case 'irc-login':
      return measureIrcLogins(await ircPeers(job.peers, job.server), job.plans);
    case 'irc-throughput':
      return measureIrcThroughput(await ircPeers(job.peers, job.server), job.plan);
    case 'irc-scale': {
      const [peer] = await ircPeers([job.peer], job.server);
      if (peer === undefined) throw new Error(`no IRC peer ${job.peer}`);
      return measureIrcScale(peer, job.plan);
    }
  }
}

runJob(JSON.parse(process.env.SB_BENCH_JOB ?? 'null') as Job)
  .then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // Libraries may keep timers (keepalives, reconnect); the result is out, so end here.
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
