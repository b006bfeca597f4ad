import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProfilePlugin, ProtocolSession, SessionRequest } from '../plugins/ProtocolPlugin';
import type { SessionExtension } from '../plugins/SessionExtension';
import { AccountExtensions } from './AccountExtensions';
import { fakeProfile } from './fakePlugin.testkit';

/** A plugin whose sessions record what is attached; `open` waits until the test releases it. */
function recordingPlugin() {
  const attached: string[] = [];
  const requests: SessionRequest[] = [];
  let release: (() => void) | undefined;
  const session = {
    use(extension: SessionExtension) {
      if (extension.name === 'refused') throw new SwitchboardError('SB_EXTENSION_INVALID');
      if (!attached.includes(extension.name)) attached.push(extension.name);
      return () => attached.splice(attached.indexOf(extension.name), 1);
    },
  } as unknown as ProtocolSession;
  const plugin: ProfilePlugin = {
    profile: fakeProfile,
    checkExtension: () => undefined,
    async open(request) {
      requests.push(request);
      for (const e of request.extensions ?? []) session.use?.(e);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return session;
    },
  };
  return { plugin, attached, requests, release: () => release?.() };
}

const ext = (name: string, protocol = 'fake'): SessionExtension => ({ protocol, name });
const request = { config: {}, credential: {}, sink: {} } as unknown as SessionRequest;

describe(AccountExtensions, () => {
  describe('.use', () => {
    it('when the session is opening, gives it the list, then attaches what was added and detaches what was removed meanwhile', async () => {
      const { plugin, attached, requests, release } = recordingPlugin();
      const extensions = new AccountExtensions(plugin, () => undefined);
      const removeEarly = extensions.use(ext('early'));
      extensions.use(ext('kept'));
      const opening = extensions.open(request);
      extensions.use(ext('late'));
      removeEarly();
      release();
      await opening;
      expect(requests[0]?.extensions?.map((e) => e.name)).toEqual(['early', 'kept']);
      expect(attached.sort()).toEqual(['kept', 'late']);
    });

    it('when a session is live, attaches at once and the returned function detaches it (once)', async () => {
      const { plugin, attached, release } = recordingPlugin();
      let live: ProtocolSession | undefined;
      const extensions = new AccountExtensions(plugin, () => live);
      const opening = extensions.open(request);
      release();
      live = await opening;
      const remove = extensions.use(ext('live'));
      expect(attached).toEqual(['live']);
      remove();
      remove();
      expect(attached).toEqual([]);
    });

    it('when the session refuses the extension, throws and keeps nothing', async () => {
      const { plugin, requests, release } = recordingPlugin();
      let live: ProtocolSession | undefined;
      const extensions = new AccountExtensions(plugin, () => live);
      const opening = extensions.open(request);
      release();
      live = await opening;
      expect(() => extensions.use(ext('refused'))).toThrow(
        expect.objectContaining({ code: 'SB_EXTENSION_INVALID' }),
      );
      const next = extensions.open(request);
      release();
      await next;
      expect(requests[1]?.extensions).toBeUndefined();
    });

    it.each([
      ['another protocol', ext('x', 'irc'), 'protocol'],
      ['no name', { protocol: 'fake' } as SessionExtension, 'shape'],
    ])('when given %s, throws SB_EXTENSION_INVALID', (_, extension, reason) => {
      const extensions = new AccountExtensions(recordingPlugin().plugin, () => undefined);
      expect(() => extensions.use(extension)).toThrow(
        expect.objectContaining({
          code: 'SB_EXTENSION_INVALID',
          details: expect.objectContaining({ reason }),
        }),
      );
    });

    it('when the name is taken or the plugin takes no extensions, throws SB_EXTENSION_INVALID', () => {
      const extensions = new AccountExtensions(recordingPlugin().plugin, () => undefined);
      extensions.use(ext('a'));
      expect(() => extensions.use(ext('a'))).toThrow(
        expect.objectContaining({ details: { extension: 'a', reason: 'duplicate' } }),
      );
      const bare: ProfilePlugin = { profile: fakeProfile, open: () => Promise.reject(new Error()) };
      expect(() => new AccountExtensions(bare, () => undefined).use(ext('a'))).toThrow(
        expect.objectContaining({ details: { extension: 'a', reason: 'unsupported' } }),
      );
    });
  });
});
