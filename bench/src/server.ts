import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startProsody, TokenTable, withProviders } from '@switchboard/testing';
import type { BenchServer } from './peers';
import { PASSWORD, scaleUser, TOKEN, USER } from './scenarios/credentials';

/** The benchmark's Prosody with the file the workers trust. */
export interface RunningBench {
  readonly server: BenchServer;
  /** PEM file of the server's CA, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  stop(): Promise<void>;
}

/**
 * One Prosody on loopback (Nagle off, as the testing kit always sets it): `bench.test` with
 * `internal_plain` (PLAIN, SCRAM-SHA-1 and SCRAM-SHA-256, SCRAM keys derived with Prosody's
 * default 10,000 iterations) and the users `bench`, `u0`…; `token.bench` with OAUTHBEARER
 * against a token table; STARTTLS on c2s and a `wss://` listener for the WebSocket peers;
 * stream management on, as in Prosody's default configuration; a direct TLS (XEP-0368) port.
 * With `sasl2`, also SASL2 (XEP-0388), Bind2, inline stream management and FAST (XEP-0484).
 * With `hashed`, Prosody's default backend instead, `internal_hashed` with SCRAM-SHA-256 keys
 * stored (PLAIN and SCRAM-SHA-256 offered; the server derives keys for PLAIN logins only).
 */
export async function startBenchServer(
  scaleUsers: number,
  options: { readonly sasl2?: boolean; readonly hashed?: boolean } = {},
): Promise<RunningBench> {
  const passwordDomain = 'bench.test';
  const tokenDomain = 'token.bench';
  const users = [
    { username: USER, password: PASSWORD },
    ...Array.from({ length: scaleUsers }, (_, i) => ({
      username: scaleUser(i),
      password: PASSWORD,
    })),
  ];
  const tokens = await TokenTable.create();
  try {
    const prosody = await startProsody(
      withProviders(
        {
          ...(options.hashed === true
            ? { authentication: 'internal_hashed', extraConfig: 'password_hash = "SHA-256"' }
            : { authentication: 'internal_plain' }),
          websocket: true,
          ...(options.sasl2 === true ? { sasl2: true } : {}),
          hosts: [{ domain: passwordDomain, users }],
        },
        { tokenFile: tokens.file, oauthbearer: { domain: tokenDomain } },
      ),
    );
    await tokens.issue({ token: TOKEN, user: USER, host: tokenDomain });
    const caFile = join(prosody.dir, 'bench-ca.pem');
    await writeFile(caFile, prosody.ca);
    return {
      server: {
        host: prosody.host,
        port: prosody.port,
        websocketUrl: prosody.websocketUrl ?? '',
        passwordDomain,
        tokenDomain,
        ca: prosody.ca,
        ...(prosody.directTlsPort === undefined ? {} : { directTlsPort: prosody.directTlsPort }),
      },
      caFile,
      stop: async () => {
        await prosody.stop();
        await tokens.remove();
      },
    };
  } catch (error) {
    await tokens.remove();
    throw error;
  }
}
