import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { auth, b64, challengeText, connectTls, respond } from '../providers/saslWire.testkit';
import type { ProsodyServer } from './ProsodyServer';
import { scramClient } from './scram.testkit';
import { startProsody } from './startProsody';
import type { Probe } from './xmppProbe.testkit';

const DOMAIN = 'bulk.test';
const ACCOUNTS = 'data/bulk%2etest/accounts';
const COUNT = 2000;
const numbered = Array.from({ length: COUNT }, (_, i) => ({
  username: `user${i}`,
  password: `pw-${i}`,
}));
const special = { username: 'a.b-c_d', password: 'q"uo\\te\'s $x' };
const users = [...numbered, special];

const probes: Probe[] = [];
afterEach(() => {
  for (const p of probes.splice(0)) p.socket.destroy();
});

/** The `["key"] = value;` lines of an account file: key → Lua literal. */
function fields(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/^\t\["(\w+)"\] = (.*);$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

async function login(
  server: ProsodyServer,
  mechanism: 'PLAIN' | 'SCRAM-SHA-256',
  user: string,
  password: string,
): Promise<string> {
  const probe = await connectTls(server, DOMAIN);
  probes.push(probe);
  if (mechanism === 'PLAIN') return auth(probe, 'PLAIN', b64(`\0${user}\0${password}`));
  const client = scramClient('sha256', user, password);
  const challenge = challengeText(await auth(probe, mechanism, b64(client.first)));
  if (challenge === undefined) throw new Error('no SCRAM challenge');
  const final = client.final(challenge);
  const answer = await respond(probe, b64(final.message));
  const data = /<success[^>]*>([^<]*)<\/success>/.exec(answer)?.[1];
  if (data === undefined) return answer;
  const verified = Buffer.from(data, 'base64').toString('utf8') === `v=${final.serverSignature}`;
  return verified ? '<success/>' : `unverified server signature: ${answer}`;
}

describe(startProsody, () => {
  describe(`with ${COUNT} users on internal_plain`, () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({ hosts: [{ domain: DOMAIN, users }] });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('when started, every user has an account file, readable by its owner only', async () => {
      const files = await readdir(join(server.dir, ACCOUNTS));
      expect(files).toHaveLength(COUNT + 1);
      expect(files).toContain('user1999.dat');
      expect(files.filter((f) => f.endsWith('~'))).toEqual([]);
      const { mode } = await stat(join(server.dir, ACCOUNTS, 'user0.dat'));
      expect(mode & 0o777).toBe(0o600);
    });

    const chosen = [numbered[0], numbered[COUNT / 2], numbered[COUNT - 1], special];
    for (const mechanism of ['PLAIN', 'SCRAM-SHA-256'] as const) {
      it.each(chosen.map((u) => [u?.username ?? '', u?.password ?? '']))(
        `when %s logs in with ${mechanism} over STARTTLS, the server accepts it`,
        async (username, password) => {
          expect(await login(server, mechanism, username, password)).toMatch(/^<success/);
        },
      );

      it(`when the password is wrong, ${mechanism} fails with not-authorized`, async () => {
        expect(await login(server, mechanism, 'user1000', 'pw-1001')).toContain(
          '<not-authorized/>',
        );
      });
    }

    it('when prosodyctl registers the same user and password, it writes the same fields', async () => {
      const file = join(server.dir, ACCOUNTS, 'a%2eb%2dc%5fd.dat');
      const written = await readFile(file, 'utf8');
      expect(written).toMatch(
        /^return \{\n\t\["password"\] = "q\\"uo\\\\te\\'s \$x";\n\t\["created"\] = (\d+);\n\t\["updated"\] = \1;\n\};\n$/,
      );
      await server.registerUser(DOMAIN, special.username, special.password);
      // Prosody writes the keys in Lua's table order and stamps its own times.
      const ours = fields(written);
      const theirs = fields(await readFile(file, 'utf8'));
      expect(Object.keys(theirs).sort()).toEqual(['created', 'password', 'updated']);
      expect(theirs.password).toBe(ours.password);
      expect(Number(theirs.created)).toBeGreaterThanOrEqual(Number(ours.created));
      expect(theirs.updated).toBe(theirs.created);
    });

    it('when a user is registered at runtime, it can log in with both mechanisms', async () => {
      await server.registerUser(DOMAIN, 'late', 'late-pw');
      expect(await login(server, 'PLAIN', 'late', 'late-pw')).toMatch(/^<success/);
      expect(await login(server, 'SCRAM-SHA-256', 'late', 'late-pw')).toMatch(/^<success/);
    });
  });

  describe('with users on internal_hashed', () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({
        authentication: 'internal_hashed',
        extraConfig: 'password_hash = "SHA-256"\ndefault_iteration_count = 4096',
        hosts: [{ domain: DOMAIN, users: numbered.slice(0, 20) }],
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('when started, prosodyctl stored hashes for every user, and they log in', async () => {
      const files = await readdir(join(server.dir, ACCOUNTS));
      expect(files).toHaveLength(20);
      const text = await readFile(join(server.dir, ACCOUNTS, 'user19.dat'), 'utf8');
      expect(text).toContain('stored_key');
      expect(text).not.toContain('pw-19');
      expect(await login(server, 'PLAIN', 'user0', 'pw-0')).toMatch(/^<success/);
      expect(await login(server, 'SCRAM-SHA-256', 'user19', 'pw-19')).toMatch(/^<success/);
    });
  });

  it('when a username would be stored under another name, fails with SB_CONFIG_INVALID', async () => {
    const error = await startProsody({
      hosts: [{ domain: DOMAIN, users: [{ username: 'Alice', password: 'pw' }] }],
    }).catch((e: unknown) => e);
    expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
    expect((error as SwitchboardError).details).toEqual({ domain: DOMAIN, username: 'Alice' });
  });
});
