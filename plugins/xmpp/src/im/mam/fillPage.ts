/**
 * A history page of `limit` messages from an archive that also stores what is not a message:
 * Prosody archives receipts and chat markers (XEP-0184, XEP-0333) next to the messages, and a
 * host asking for the last 20 messages wants 20 messages, not 20 archive entries. So the page is
 * filled from further archive pages in the same direction until it holds `limit` messages, the
 * archive has no more, or `maxPages` were read. `first` and `last` stay the archive ids where
 * the next page starts, so paging on skips nothing and repeats nothing.
 */
import type { ArchivePage } from './ArchiveQueries';

/** Where to read the next archive page from. */
export interface ArchiveCursor {
  readonly before?: string;
  readonly after?: string;
}

/** How many archive pages one history page may read. */
const MAX_PAGES = 10;

/**
 * Reads `fetch` pages from `start` (forwards when `forwards`, else backwards) until `limit`
 * messages are collected; see the module header.
 */
export async function fillPage(
  fetch: (cursor: ArchiveCursor) => Promise<ArchivePage>,
  start: ArchiveCursor,
  forwards: boolean,
  limit: number,
  maxPages = MAX_PAGES,
): Promise<ArchivePage> {
  const firstPage = await fetch(start);
  let page = firstPage;
  let messages = [...page.messages];
  for (let read = 1; messages.length < limit && !page.complete && read < maxPages; read++) {
    const at = forwards ? page.last : page.first;
    if (at === undefined) break;
    page = await fetch(forwards ? { after: at } : { before: at });
    messages = forwards ? [...messages, ...page.messages] : [...page.messages, ...messages];
  }
  const trimmed = messages.length > limit;
  if (trimmed) messages = forwards ? messages.slice(0, limit) : messages.slice(-limit);
  const oldest = forwards ? firstPage.first : trimmed ? messages[0]?.archiveId : page.first;
  const newest = forwards ? (trimmed ? messages.at(-1)?.archiveId : page.last) : firstPage.last;
  return {
    messages,
    complete: trimmed ? false : page.complete,
    ...(oldest === undefined ? {} : { first: oldest }),
    ...(newest === undefined ? {} : { last: newest }),
  };
}
