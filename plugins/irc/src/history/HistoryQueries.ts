/**
 * `draft/chathistory` queries of one session (https://ircv3.net/specs/extensions/chathistory):
 * each `CHATHISTORY` line, its answer (a `chathistory` batch, a `FAIL`, or another reply) found
 * by `label` (labeled-response) or else in order per target, and made into a page. Every line
 * of an answer is claimed here, so none of it reaches the live path; answers are bounded in
 * lines and in time.
 */
import {
  type HistoryMessage,
  type HistoryPage,
  type HistoryRequest,
  SwitchboardError,
} from '@switchboard/core';
import { foldCase } from '../wire/casemapping';
import type { IrcMessage } from '../wire/IrcMessage';
import type { Isupport } from '../wire/Isupport';
import { type CatchUpOptions, type CatchUpReport, catchUp } from './catchUp';
import { historyCommand, isArchiveId } from './historyCommand';
import { historyRefused, historyTimeout, historyTooLarge } from './historyErrors';
import { type HistoryContext, historyMessage } from './historyMessage';

/** What the queries need from their session. */
export interface HistoryQueriesOptions {
  readonly write: (message: IrcMessage) => Promise<void>;
  /**
   * The server's ISUPPORT: CASEMAPPING, CHANTYPES, and `CHATHISTORY` (or `draft/CHATHISTORY`),
   * the most messages per query (0 or absent: 1,000, the most a query asks for anyway).
   */
  readonly isupport: Isupport;
  /** True when the nick is this account's (case-mapped). */
  readonly isMe: (nick: string) => boolean;
  /**
   * The capabilities on now: `draft/chathistory` (else queries are refused), `labeled-response`
   * (queries are labelled and matched by label; else in order per target).
   */
  readonly caps: () => ReadonlyMap<string, string>;
  readonly timeoutMs: number;
}

/** Where {@link HistoryQueries.catchUp} reports (see {@link CatchUpOptions}). */
export type SessionCatchUp = Pick<
  CatchUpOptions,
  'target' | 'after' | 'seen' | 'message' | 'ownMessage' | 'maxPages'
>;

interface Query {
  readonly request: HistoryRequest;
  readonly label: string | undefined;
  readonly target: string;
  readonly limit: number;
  readonly resolve: (page: HistoryPage) => void;
  readonly reject: (error: SwitchboardError) => void;
  readonly lines: IrcMessage[];
  timer: NodeJS.Timeout | undefined;
  settled: boolean;
  count: number;
  rootRef?: string;
  historyRef?: string;
  error?: SwitchboardError;
}

/** Unanswered queries given up on (timed out, too large) whose late answer is still swallowed. */
const MAX_ABANDONED = 64;
/** Batches open at once inside answers. */
const MAX_REFS = 64;
/** Lines of an answer beyond its limit (e.g. nested events) before it is refused. */
const SLACK = 32;

/** The pending history queries of one session. */
export class HistoryQueries {
  readonly #options: HistoryQueriesOptions;
  readonly #queries: Query[] = [];
  readonly #refs = new Map<string, Query>();
  #labels = 0;

  constructor(options: HistoryQueriesOptions) {
    this.#options = options;
  }

  /** The most messages one query asks for. */
  get maxLimit(): number {
    const { isupport } = this.#options;
    const value = isupport.get('CHATHISTORY') ?? isupport.get('draft/CHATHISTORY') ?? '';
    const limit = /^[0-9]{1,9}$/.test(value) ? Number(value) : 0;
    return limit > 0 ? Math.min(limit, 1_000) : 1_000;
  }

  /**
   * Pages forward from `after` in `target` (a nick or a channel), a page of {@link maxLimit}
   * at a time, and reports each message once; see {@link catchUp}.
   */
  catchUp(options: SessionCatchUp): Promise<CatchUpReport> {
    const room = this.#options.isupport.chanTypes.includes(options.target.charAt(0));
    const page = (request: HistoryRequest) => this.query(request);
    return catchUp({ ...options, room, pageSize: this.maxLimit, page });
  }

  #fold(name: string): string {
    return foldCase(name, this.#options.isupport.casemapping);
  }

  #context(): HistoryContext {
    return { isMe: this.#options.isMe, chanTypes: this.#options.isupport.chanTypes };
  }

  /**
   * Sends one query and resolves with its page. SB_CAPABILITY_UNSUPPORTED without
   * `draft/chathistory`, SB_CONFIG_INVALID for an id that cannot be sent (nothing sent either
   * way); see `historyRefused` for refusals; SB_TIMEOUT without an answer in time.
   */
  query(request: HistoryRequest): Promise<HistoryPage> {
    if (!this.#options.caps().has('draft/chathistory')) {
      return Promise.reject(
        new SwitchboardError(
          'SB_CAPABILITY_UNSUPPORTED',
          'This IRC server keeps no history (no draft/chathistory); nothing was sent.',
          { details: { capability: 'history' } },
        ),
      );
    }
    let params: string[];
    try {
      params = historyCommand(request, this.maxLimit);
    } catch (error) {
      return Promise.reject(error);
    }
    const label = this.#options.caps().has('labeled-response') ? `sbh${++this.#labels}` : undefined;
    const tags = new Map(label === undefined ? [] : [['label', label]]);
    return new Promise<HistoryPage>((resolve, reject) => {
      const query: Query = {
        request,
        label,
        target: this.#fold(request.conversation),
        limit: Number(params.at(-1)),
        resolve,
        reject,
        lines: [],
        timer: undefined,
        settled: false,
        count: 0,
      };
      query.timer = setTimeout(
        () => this.#settle(query, historyTimeout(this.#options.timeoutMs, request.conversation)),
        this.#options.timeoutMs,
      );
      this.#queries.push(query);
      this.#options
        .write({ tags, command: 'CHATHISTORY', params })
        .catch((error: unknown) => this.#settle(query, asError(error)));
    });
  }

  /** True when `message` belongs to the answer of a query (it is then handled here). */
  claim(message: IrcMessage): boolean {
    const label = message.tags.get('label');
    const parentRef = message.tags.get('batch');
    const parent = parentRef === undefined ? undefined : this.#refs.get(parentRef);
    if (message.command === 'BATCH') return this.#batch(message, label, parent);
    if (parent !== undefined) {
      if (parentRef === parent.historyRef) this.#collect(parent, message);
      else if (message.command === 'FAIL')
        parent.error ??= historyRefused(message, parent.request.conversation);
      return true;
    }
    const isFail = message.command === 'FAIL' && message.params[0] === 'CHATHISTORY';
    const query =
      label !== undefined
        ? this.#queries.find((q) => q.label === label)
        : isFail
          ? this.#unlabelled(message.params[3])
          : undefined;
    if (query === undefined) return false;
    if (message.command !== 'ACK')
      query.error ??= historyRefused(message, query.request.conversation);
    this.#finish(query);
    return true;
  }

  /** The connection is gone: every pending query rejects with `error`. */
  fail(error: SwitchboardError): void {
    for (const query of this.#queries.splice(0)) this.#settle(query, error);
    this.#refs.clear();
  }

  #batch(message: IrcMessage, label: string | undefined, parent: Query | undefined): boolean {
    const ref = message.params[0] ?? '';
    const name = ref.slice(1);
    if (ref.startsWith('-')) {
      const query = this.#refs.get(name);
      if (query === undefined) return false;
      this.#refs.delete(name);
      if (query.rootRef === name) this.#finish(query);
      return true;
    }
    const type = message.params[1];
    const owner =
      parent ??
      (label !== undefined
        ? this.#queries.find((q) => q.label === label)
        : type === 'chathistory'
          ? this.#unlabelled(message.params[2])
          : undefined);
    if (owner === undefined || !ref.startsWith('+') || name === '') return false;
    if (this.#refs.has(name) || this.#refs.size >= MAX_REFS) {
      this.#settle(owner, historyTooLarge(owner.limit));
      return true;
    }
    this.#refs.set(name, owner);
    if (parent === undefined) owner.rootRef ??= name;
    if (type === 'chathistory') owner.historyRef ??= name;
    return true;
  }

  /** The oldest unlabelled query for `target` (else the oldest unlabelled one). */
  #unlabelled(target: string | undefined): Query | undefined {
    const open = this.#queries.filter((q) => q.label === undefined && q.rootRef === undefined);
    const folded = target === undefined ? undefined : this.#fold(target);
    return open.find((q) => q.target === folded) ?? open[0];
  }

  #collect(query: Query, line: IrcMessage): void {
    query.count++;
    if (query.settled) return;
    if (query.count > query.limit + SLACK) {
      query.lines.length = 0;
      this.#settle(query, historyTooLarge(query.limit));
      return;
    }
    query.lines.push(line);
  }

  #finish(query: Query): void {
    const at = this.#queries.indexOf(query);
    if (at >= 0) this.#queries.splice(at, 1);
    for (const [ref, owner] of this.#refs) if (owner === query) this.#refs.delete(ref);
    if (query.error !== undefined) this.#settle(query, query.error);
    else this.#settle(query, undefined, this.#page(query));
  }

  /** Settles once; a query given up on stays listed (bounded) so its late answer is swallowed. */
  #settle(query: Query, error: SwitchboardError | undefined, page?: HistoryPage): void {
    if (query.settled) return;
    query.settled = true;
    clearTimeout(query.timer);
    if (error !== undefined) query.reject(error);
    else if (page !== undefined) query.resolve(page);
    const abandoned = this.#queries.filter((q) => q.settled);
    for (const old of abandoned.slice(0, Math.max(0, abandoned.length - MAX_ABANDONED))) {
      this.#queries.splice(this.#queries.indexOf(old), 1);
      for (const [ref, owner] of this.#refs) if (owner === old) this.#refs.delete(ref);
    }
  }

  /**
   * The page of a finished answer: the conversation's messages, each archive id once, oldest
   * first. `complete` when the server returned fewer lines than asked for: chathistory has no
   * end marker, so a full page may be followed by an empty one.
   */
  #page(query: Query): HistoryPage {
    const context = this.#context();
    const messages: HistoryMessage[] = [];
    const ids = new Set<string>();
    for (const line of query.lines) {
      const message = historyMessage(line, context);
      if (message === undefined || ids.has(message.archiveId)) continue;
      if (!this.#belongs(message, query, context)) continue;
      ids.add(message.archiveId);
      messages.push(message);
    }
    // The cursor is where the server's answer began and ended, not the first and last message
    // kept: with event-playback a page may hold joins and parts only, and paging must move on.
    const cursor = query.lines.map((l) => l.tags.get('msgid') ?? '').filter(isArchiveId);
    const first = cursor[0] ?? messages[0]?.archiveId;
    const last = cursor.at(-1) ?? messages.at(-1)?.archiveId;
    return {
      conversation: query.request.conversation,
      messages,
      ...(first === undefined ? {} : { first }),
      ...(last === undefined ? {} : { last }),
      complete: query.count < query.limit,
    };
  }

  /**
   * A line of another conversation in an answer is dropped: a channel's lines must be in it; a
   * contact's must come from the contact (to a nick: the account's nick may have changed since)
   * or go from the account to the contact.
   */
  #belongs(message: HistoryMessage, query: Query, context: HistoryContext): boolean {
    if (message.type === 'groupchat') return this.#fold(message.from) === query.target;
    const to = message.to ?? '';
    if (message.outgoing) return this.#fold(to) === query.target;
    return this.#fold(message.from) === query.target && !context.chanTypes.includes(to.charAt(0));
  }
}

function asError(error: unknown): SwitchboardError {
  return SwitchboardError.is(error)
    ? error
    : new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC connection closed.', { cause: error });
}
