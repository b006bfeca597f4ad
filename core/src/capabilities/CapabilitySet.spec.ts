import { fakeProfile } from '../accounts/fakePlugin.testkit';
import { capabilityNames, mergeCapabilities } from './CapabilitySet';

const declared = fakeProfile.capabilities;
const features = { 'vcard.read': 'vcard-temp', chatStates: 'message-tags' } as const;

describe(mergeCapabilities, () => {
  it('when the server was not asked, keeps the declaration', () => {
    expect(mergeCapabilities(declared, undefined, features)).toBe(declared);
  });

  it('when the plugin has no feature map, the server narrows nothing', () => {
    expect(mergeCapabilities(declared, [], undefined)).toBe(declared);
  });

  it('turns off a capability whose feature the server did not announce, and only that one', () => {
    const merged = mergeCapabilities({ ...declared, chatStates: true }, ['message-tags'], features);
    expect(merged).toEqual({ ...declared, chatStates: true, 'vcard.read': false });
  });

  it('never turns on a capability the profile declared false', () => {
    const merged = mergeCapabilities(declared, ['vcard-temp', 'message-tags'], features);
    expect(merged.chatStates).toBe(false);
    expect(merged['vcard.read']).toBe(true);
  });
});

describe('capabilityNames', () => {
  it('lists every yes/no capability of a profile once, watch included', () => {
    const { messageTypes: _, ...flags } = declared;
    expect([...capabilityNames].sort()).toEqual(Object.keys(flags).sort());
    expect(capabilityNames).toContain('watch');
  });
});
