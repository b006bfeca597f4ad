import type { SwitchboardError } from '../errors/SwitchboardError';
import { LocalTokenServer } from './LocalTokenServer.fixture';
import { OAuth2Client } from './OAuth2Client';
import { failure, REDIRECT, tokenEndpointKit } from './OAuth2Client.testkit';

const VECTOR_ENCODED = 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt%2f%2bGvwXwAAdKx%2b%2f8%3d';
const VECTOR_TOKEN = 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8=';

describe(`${OAuth2Client.name} (secrets in errors)`, () => {
  describe('against a local token endpoint', () => {
    let server: LocalTokenServer;

    afterEach(() => server.close());

    const { localClient, authorized } = tokenEndpointKit(() => server);

    describe('secrets in errors', () => {
      const SECRET = 'client-secret-NEVER-SHOWN';

      beforeEach(async () => {
        server = await LocalTokenServer.start(SECRET);
      });

      it('when anything fails, no token, code, verifier or secret is in a message or details', async () => {
        const client = localClient({}, SECRET);
        const wrongSecret = localClient({}, 'wrong-secret-NEVER-SHOWN');
        const errors: SwitchboardError[] = [];
        const seen: string[] = [SECRET, 'wrong-secret-NEVER-SHOWN', VECTOR_TOKEN, VECTOR_ENCODED];
        const collect = async (fn: () => unknown) => errors.push(await failure(fn));

        const a = await authorized(client);
        seen.push(a.codeVerifier);
        const exchange = {
          callbackUrl: a.callbackUrl,
          state: a.state,
          codeVerifier: a.codeVerifier,
          redirectUri: REDIRECT,
        };
        await client.exchangeCode(exchange);
        await collect(() => client.exchangeCode(exchange)); // code reused: invalid_grant
        await collect(() => client.exchangeCode({ ...exchange, state: 'other' }));
        const b = await authorized(client);
        seen.push(b.codeVerifier);
        server.next = {
          status: 400,
          body: JSON.stringify({ error: 'invalid_grant', error_description: `bad code ${b.code}` }),
        };
        await collect(() =>
          client.exchangeCode({
            callbackUrl: b.callbackUrl,
            state: b.state,
            codeVerifier: b.codeVerifier,
            redirectUri: REDIRECT,
          }),
        );
        await collect(() => client.refresh('RT-unknown-NEVER-SHOWN'));
        seen.push('RT-unknown-NEVER-SHOWN');
        const rt = server.issueRefreshToken();
        server.next = {
          status: 400,
          body: JSON.stringify({ error: 'invalid_request', error_description: `token ${rt} bad` }),
        };
        await collect(() => client.refresh(rt));
        server.next = { status: 500, body: JSON.stringify({ access_token: 'AT-in-500' }) };
        seen.push('AT-in-500');
        await collect(() => client.refresh(rt));
        server.next = {
          status: 200,
          body: JSON.stringify({ access_token: 'AT-bad-type', token_type: 'mac' }),
        };
        seen.push('AT-bad-type');
        await collect(() => client.refresh(rt));
        server.next = { status: 200, body: JSON.stringify({ access_token: 'AT-no-type' }) };
        seen.push('AT-no-type');
        await collect(() => client.refresh(rt));
        await collect(() => wrongSecret.refresh(rt));
        await collect(() =>
          client.parseImplicitRedirect(`#access_token=${VECTOR_ENCODED}&state=other`, 'mine'),
        );
        await collect(() =>
          client.parseImplicitRedirect(`#access_token=${VECTOR_ENCODED}%zz&state=mine`, 'mine'),
        );

        expect(errors.map((e) => e.code)).toEqual([
          'SB_OAUTH_GRANT_REVOKED',
          'SB_OAUTH_STATE_MISMATCH',
          'SB_OAUTH_GRANT_REVOKED',
          'SB_OAUTH_GRANT_REVOKED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_STATE_MISMATCH',
          'SB_OAUTH_REDIRECT_ERROR',
        ]);
        seen.push(...server.issued);
        for (const error of errors) {
          const text = `${error.message}\n${JSON.stringify(error.details)}`;
          for (const secret of seen) expect(text).not.toContain(secret);
        }
      });
    });
  });
});
