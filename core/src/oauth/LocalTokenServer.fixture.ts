/**
 * Test fixture (not exported): a small OAuth2 authorization server on 127.0.0.1 for the unit
 * tests. `/authorize` issues a code bound to the PKCE challenge and redirect URI and redirects back;
 * `/token` checks what RFC 6749 and RFC 7636 say a server checks and answers JSON or OAuth2 errors.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly form: URLSearchParams;
}

export interface ForcedResponse {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
  readonly location?: string;
}

interface Grant {
  readonly challenge: string;
  readonly redirectUri: string;
  readonly scope: string;
}

const b64url = (bytes: Buffer): string => bytes.toString('base64url');
const secret = (prefix: string): string => `${prefix}-${b64url(randomBytes(12))}`;

export class LocalTokenServer {
  readonly clientId = 'client-123';
  readonly requests: RecordedRequest[] = [];
  /** Refresh tokens the server accepts. */
  readonly refreshTokens = new Set<string>();
  /** Whether a refresh answers with a new refresh token (rotation). */
  rotateRefreshTokens = true;
  /** The next /token request gets this answer instead. */
  next: ForcedResponse | undefined;
  /** Every secret this server issued (tokens, codes), for leak checks. */
  readonly issued: string[] = [];
  readonly #codes = new Map<string, Grant>();
  readonly #server: Server;
  #origin = '';

  private constructor(readonly clientSecret: string | undefined) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.#origin);
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        this.requests.push({
          method: req.method ?? '',
          path: url.pathname,
          headers: req.headers,
          form,
        });
        const reply = url.pathname === '/authorize' ? this.#authorize(url) : this.#token(req, form);
        res.writeHead(reply.status, {
          'content-type': reply.contentType ?? 'application/json',
          ...(reply.location === undefined ? {} : { location: reply.location }),
        });
        res.end(reply.body);
      });
    });
  }

  static async start(clientSecret?: string): Promise<LocalTokenServer> {
    const server = new LocalTokenServer(clientSecret);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#origin = `http://127.0.0.1:${(server.#server.address() as AddressInfo).port}`;
    return server;
  }

  get authorizationEndpoint(): string {
    return `${this.#origin}/authorize`;
  }

  get tokenEndpoint(): string {
    return `${this.#origin}/token`;
  }

  /** Issues a code as /authorize would, for a PKCE challenge and redirect URI. */
  issueCode(challenge: string, redirectUri: string, scope = 'wl.messenger'): string {
    const code = secret('CODE');
    this.issued.push(code);
    this.#codes.set(code, { challenge, redirectUri, scope });
    return code;
  }

  /** A refresh token the server accepts. */
  issueRefreshToken(): string {
    const token = secret('RT');
    this.issued.push(token);
    this.refreshTokens.add(token);
    return token;
  }

  /** The form bodies of the /token requests. */
  tokenForms(): URLSearchParams[] {
    return this.requests.filter((r) => r.path === '/token').map((r) => r.form);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #authorize(url: URL): ForcedResponse {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    const back = new URL(redirectUri);
    if (q.get('client_id') !== this.clientId || q.get('code_challenge_method') !== 'S256') {
      back.searchParams.set('error', 'invalid_request');
    } else {
      back.searchParams.set('code', this.issueCode(q.get('code_challenge') ?? '', redirectUri));
    }
    back.searchParams.set('state', q.get('state') ?? '');
    return { status: 302, body: '', contentType: 'text/plain', location: back.href };
  }

  #token(req: IncomingMessage, form: URLSearchParams): ForcedResponse {
    const forced = this.next;
    this.next = undefined;
    if (forced !== undefined) return forced;
    const error = (status: number, code: string): ForcedResponse => ({
      status,
      body: JSON.stringify({ error: code }),
    });
    if (req.method !== 'POST') return error(405, 'invalid_request');
    if (!this.#clientAuthenticated(req, form)) return error(401, 'invalid_client');
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const code = form.get('code') ?? '';
        const grant = this.#codes.get(code);
        this.#codes.delete(code); // codes are single-use
        const verifier = form.get('code_verifier') ?? '';
        const challenge = b64url(createHash('sha256').update(verifier).digest());
        if (grant === undefined || grant.challenge !== challenge)
          return error(400, 'invalid_grant');
        if (grant.redirectUri !== form.get('redirect_uri')) return error(400, 'invalid_grant');
        return this.#tokens(grant.scope, true);
      }
      case 'refresh_token': {
        const token = form.get('refresh_token') ?? '';
        if (!this.refreshTokens.has(token)) return error(400, 'invalid_grant');
        if (this.rotateRefreshTokens) this.refreshTokens.delete(token);
        return this.#tokens('wl.messenger wl.offline_access', this.rotateRefreshTokens);
      }
      default:
        return error(400, 'unsupported_grant_type');
    }
  }

  #clientAuthenticated(req: IncomingMessage, form: URLSearchParams): boolean {
    const basic = req.headers.authorization;
    if (basic?.startsWith('Basic ')) {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
      const [id, pw] = Buffer.from(basic.slice(6), 'base64')
        .toString()
        .split(':')
        .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      return id === this.clientId && pw === this.clientSecret && !form.has('client_secret');
    }
    if (form.get('client_id') !== this.clientId) return false;
    return this.clientSecret === undefined || form.get('client_secret') === this.clientSecret;
  }

  #tokens(scope: string, withRefresh: boolean): ForcedResponse {
    const accessToken = secret('AT');
    this.issued.push(accessToken);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
      scope,
      user_id: 'user-42',
    };
    if (withRefresh) body.refresh_token = this.issueRefreshToken();
    return { status: 200, body: JSON.stringify(body) };
  }
}
