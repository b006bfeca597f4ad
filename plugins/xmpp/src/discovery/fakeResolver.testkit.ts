import type { DnsResolver, SrvRecord } from './DnsResolver';

/** An in-memory resolver for unit tests: missing names reject with `ENOTFOUND`. */
export function fakeResolver(zone: {
  readonly srv?: Readonly<Record<string, readonly SrvRecord[] | string>>;
  readonly a?: Readonly<Record<string, readonly string[] | string>>;
  readonly aaaa?: Readonly<Record<string, readonly string[] | string>>;
}): DnsResolver & { readonly asked: string[] } {
  const asked: string[] = [];
  const answer = async <T>(
    type: string,
    map: Readonly<Record<string, readonly T[] | string>> | undefined,
    name: string,
  ): Promise<readonly T[]> => {
    asked.push(`${type} ${name}`);
    const found = map?.[name];
    // A string stands for a DNS error code.
    if (typeof found === 'string') throw Object.assign(new Error(found), { code: found });
    if (found === undefined) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return found;
  };
  return {
    asked,
    resolveSrv: (name) => answer('SRV', zone.srv, name),
    resolve4: (name) => answer('A', zone.a, name),
    resolve6: (name) => answer('AAAA', zone.aaaa, name),
  };
}
