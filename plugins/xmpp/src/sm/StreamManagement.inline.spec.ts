import xml from '@xmpp/xml';
import { NS_SM, StreamManagement } from './StreamManagement';
import { harness, lost, message } from './smHarness.testkit';

const NS_SASL2 = 'urn:xmpp:sasl:2';
const NS_BIND2 = 'urn:xmpp:bind:0';

const success = (...children: ReturnType<typeof xml>[]) =>
  xml('success', { xmlns: NS_SASL2 }, ...children);

describe(`${StreamManagement.name} inside SASL2 (Bind2, inline resumption)`, () => {
  it('when Bind2 enabled it inline, counts and keeps stanzas as after <enable/>', async () => {
    const h = harness();
    const enable = h.sm.inlineEnable();
    expect(enable.toString()).toBe(`<enable xmlns="${NS_SM}" resume="true"/>`);
    h.sm.inline(
      success(
        xml('bound', { xmlns: NS_BIND2 }, xml('enabled', { xmlns: NS_SM, id: 's-1', resume: '1' })),
      ),
    );
    expect(h.sm.enabled).toBe(true);
    expect(h.sm.counting).toBe(true);
    for (const n of [1, 2]) await h.send(message(n));
    await h.receive(message(9));
    await h.receive(xml('a', { xmlns: NS_SM, h: '1' }));
    expect(h.reports.handled).toEqual(['m1']);
    expect(h.sm.continuation([]).stream).toEqual({
      id: 's-1',
      inbound: 1,
      acked: 1,
      jid: 'me@sm.test/r1',
    });
    // Nothing of stream management went out on its own.
    expect(h.written.filter((w) => w.includes(NS_SM) && !w.startsWith('<r'))).toEqual([]);
  });

  it('when the inline enable is refused, keeps nothing for resending', async () => {
    const h = harness();
    h.sm.inlineEnable();
    h.sm.inline(success(xml('bound', { xmlns: NS_BIND2 }, xml('failed', { xmlns: NS_SM }))));
    await h.send(message(1));
    expect(h.sm.enabled).toBe(false);
    expect(h.sm.unacknowledged).toBe(0);
  });

  it('when the previous stream resumes inline, reports what the old stream handled and resends the rest', async () => {
    const h = harness(lost);
    expect(h.sm.inlineResume()?.toString()).toBe(`<resume xmlns="${NS_SM}" h="5" previd="old"/>`);
    h.sm.inline(success(xml('resumed', { xmlns: NS_SM, h: '11', previd: 'old' })));
    expect(h.sm.resumed).toBe(true);
    expect(h.reports.handled).toEqual(['m1']);
    expect(h.sm.nextPrevious()?.stanza.attrs.id).toBe('m2');
  });

  it('when inline resumption is refused and Bind2 binds afresh, starts a new stream in the same success', async () => {
    const h = harness(lost);
    h.sm.inlineResume();
    h.sm.inlineEnable();
    h.sm.inline(
      success(
        xml('failed', { xmlns: NS_SM, h: '12' }),
        xml('bound', { xmlns: NS_BIND2 }, xml('enabled', { xmlns: NS_SM, id: 'new', resume: '1' })),
      ),
    );
    expect(h.sm.resumed).toBe(false);
    expect(h.sm.enabled).toBe(true);
    expect(h.reports.handled).toEqual(['m1', 'm2']);
    expect(h.sm.continuation([]).stream?.id).toBe('new');
  });
});
