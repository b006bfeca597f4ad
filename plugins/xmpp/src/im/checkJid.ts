/**
 * XMPP addresses (RFC 7622): `[localpart@]domainpart[/resourcepart]`, split as §3.1 says (the
 * first `/` starts the resourcepart; in what remains, the first `@` ends the localpart), each
 * part non-empty when present and at most 1,023 bytes; the localpart without the characters
 * §3.3.1 forbids, the domainpart a host name or IP literal (§3.2), the resourcepart without
 * controls, and nothing XML cannot carry. @xmpp/jid splits the same way but does not validate
 * (it escapes a forbidden localpart character after XEP-0106 instead of refusing it), so the
 * raw parts are checked here before @xmpp/jid sees them.
 */
import { SwitchboardError } from '@switchboard/core';
import { checkXmlText } from './xmlText';

/** Largest part, in bytes of UTF-8 (RFC 7622 §3.2, §3.3, §3.4). */
const MAX_PART_BYTES = 1023;
/** RFC 7622 §3.3.1 forbids these in a localpart; PRECIS IdentifierClass forbids spaces and controls. */
const LOCAL_FORBIDDEN = /["&'/:<>@\s\p{Cc}]/u;
/** Characters a domain name never holds (URL syntax would read them as something else). */
const DOMAIN_FORBIDDEN = /[@/\\:?#[\]%\s\p{Cc}]/u;
/** The resourcepart is an OpaqueString: anything but controls. */
const RESOURCE_FORBIDDEN = /\p{Cc}/u;
/** A DNS label in ASCII (after IDNA): letters, digits and hyphens, not at either end. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The raw parts of a JID after RFC 7622 §3.1. */
interface JidParts {
  readonly local: string | undefined;
  readonly domain: string;
  readonly resource: string | undefined;
}

function splitJid(address: string): JidParts {
  const slash = address.indexOf('/');
  const bare = slash < 0 ? address : address.slice(0, slash);
  const at = bare.indexOf('@');
  return {
    local: at < 0 ? undefined : bare.slice(0, at),
    domain: at < 0 ? bare : bare.slice(at + 1),
    resource: slash < 0 ? undefined : address.slice(slash + 1),
  };
}

function invalid(
  field: string,
  address: string,
  reason: string,
  problem: string,
): SwitchboardError {
  const shown = address.length > 64 ? `${address.slice(0, 61)}...` : address;
  const what = field === 'address' ? 'address' : `${field} address`;
  return new SwitchboardError(
    'SB_ADDRESS_INVALID',
    `The ${what} "${shown}" is not a valid XMPP address: ${problem}.`,
    { details: { field, reason } },
  );
}

/** Why `domain` is not a host name or IP literal, or undefined when it is one. */
function domainProblem(domain: string): string | undefined {
  if (domain === '') return 'it has no domain';
  if (domain.startsWith('[') && domain.endsWith(']')) {
    try {
      new URL(`http://${domain}/`);
      return undefined;
    } catch {
      return 'the domain is not a valid IPv6 literal';
    }
  }
  if (DOMAIN_FORBIDDEN.test(domain)) return 'the domain holds a character no host name has';
  let ascii: string;
  try {
    // WHATWG URL parsing applies IDNA (UTS #46): the ASCII form of an internationalized name.
    ascii = new URL(`http://${domain}/`).hostname;
  } catch {
    return 'the domain is not a valid host name';
  }
  if (IPV4.test(ascii)) return undefined;
  if (ascii.length > 253 || !ascii.split('.').every((label) => LABEL.test(label))) {
    return 'the domain is not a valid host name';
  }
  return undefined;
}

/** Addresses found valid lately: an account sends to the same few again and again. */
const valid = new Set<string>();
const REMEMBERED = 1_024;

/**
 * Throws SB_ADDRESS_INVALID naming `field`, with `details.reason` one of `empty`,
 * `invalid-character`, `localpart`, `domainpart`, `resourcepart` or `too-long`, unless
 * `address` is a valid JID.
 */
export function checkJid(address: string, field: string): void {
  if (valid.has(address)) return;
  validate(address, field);
  if (valid.size >= REMEMBERED) valid.clear();
  valid.add(address);
}

function validate(address: string, field: string): void {
  if (typeof address !== 'string' || address === '') {
    throw invalid(field, '', 'empty', 'it is empty');
  }
  checkXmlText(address, field, { address: true });
  const { local, resource, ...rest } = splitJid(address);
  // RFC 7622 §3.2: a trailing dot of the domainpart is stripped before anything else.
  const domain = rest.domain.endsWith('.') ? rest.domain.slice(0, -1) : rest.domain;
  if (local === '') throw invalid(field, address, 'localpart', 'the part before "@" is empty');
  if (local !== undefined && LOCAL_FORBIDDEN.test(local)) {
    throw invalid(field, address, 'localpart', 'the part before "@" holds a forbidden character');
  }
  const problem = domainProblem(domain);
  if (problem !== undefined) throw invalid(field, address, 'domainpart', problem);
  if (resource === '') throw invalid(field, address, 'resourcepart', 'the part after "/" is empty');
  if (resource !== undefined && RESOURCE_FORBIDDEN.test(resource)) {
    throw invalid(field, address, 'resourcepart', 'the part after "/" holds a control character');
  }
  for (const part of [local, domain, resource]) {
    // A UTF-16 unit is at most 3 bytes of UTF-8: only long parts need counting.
    if (part === undefined || part.length * 3 <= MAX_PART_BYTES) continue;
    if (new TextEncoder().encode(part).length > MAX_PART_BYTES) {
      throw invalid(field, address, 'too-long', `a part is longer than ${MAX_PART_BYTES} bytes`);
    }
  }
}
