import {
  type Answer,
  AUTHORITATIVE_ANSWER,
  type DecodedPacket,
  type Packet,
  type Question,
} from 'dns-packet';
import { type DnsFailure, type DnsSrvRecord, type DnsZone, zoneName } from './DnsZone';

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const TTL = 5;

/** The zone's maps with their keys in zone form. */
export interface IndexedZone {
  readonly srv: ReadonlyMap<string, readonly DnsSrvRecord[]>;
  readonly a: ReadonlyMap<string, readonly string[]>;
  readonly aaaa: ReadonlyMap<string, readonly string[]>;
  readonly fail: ReadonlyMap<string, DnsFailure>;
}

function indexed<T>(map: Readonly<Record<string, T>> | undefined): Map<string, T> {
  return new Map(Object.entries(map ?? {}).map(([name, value]) => [zoneName(name), value]));
}

/** `zone` with its names in zone form, for lookups. */
export function indexZone(zone: DnsZone): IndexedZone {
  return {
    srv: indexed(zone.srv),
    a: indexed(zone.a),
    aaaa: indexed(zone.aaaa),
    fail: indexed(zone.fail),
  };
}

function answersFor(zone: IndexedZone, question: Question): Answer[] {
  const name = zoneName(question.name);
  const base = { name: question.name, ttl: TTL, class: 'IN' as const };
  switch (question.type) {
    case 'SRV':
      return (zone.srv.get(name) ?? []).map((r) => ({
        ...base,
        type: 'SRV' as const,
        data: { priority: r.priority, weight: r.weight, port: r.port, target: r.target },
      }));
    case 'A':
      return (zone.a.get(name) ?? []).map((data) => ({ ...base, type: 'A' as const, data }));
    case 'AAAA':
      return (zone.aaaa.get(name) ?? []).map((data) => ({ ...base, type: 'AAAA' as const, data }));
    default:
      return [];
  }
}

const known = (zone: IndexedZone, name: string): boolean =>
  zone.srv.has(name) || zone.a.has(name) || zone.aaaa.has(name);

/**
 * The authoritative response to `query`, or undefined when the server stays silent. One
 * question per query, as every resolver sends.
 */
export function answerQuery(zone: IndexedZone, query: DecodedPacket): Packet | undefined {
  const question = query.questions?.[0];
  const reply = (rcode: number, answers: Answer[] = []): Packet => ({
    id: query.id ?? 0,
    type: 'response',
    flags: AUTHORITATIVE_ANSWER | rcode,
    questions: query.questions ?? [],
    answers,
  });
  if (question === undefined) return reply(RCODE.REFUSED);
  const name = zoneName(question.name);
  const failure = zone.fail.get(name);
  if (failure === 'silent') return undefined;
  if (failure === 'servfail') return reply(RCODE.SERVFAIL);
  if (failure === 'refused') return reply(RCODE.REFUSED);
  if (!known(zone, name)) return reply(RCODE.NXDOMAIN);
  return reply(RCODE.NOERROR, answersFor(zone, question));
}
