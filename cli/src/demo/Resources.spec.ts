import { DemoInterrupted } from './DemoError';
import { Resources } from './Resources';

describe(Resources, () => {
  describe('.close', () => {
    it('when things were added, stops them last added first, once', async () => {
      const resources = new Resources();
      const stopped: string[] = [];
      for (const name of ['token table', 'Prosody', 'accounts']) {
        resources.add(name, name, async (n) => void stopped.push(n));
      }
      const first = await resources.close();
      const second = await resources.close();
      expect(stopped).toEqual(['accounts', 'Prosody', 'token table']);
      expect(first.map((s) => s.name)).toEqual(['accounts', 'Prosody', 'token table']);
      expect(second).toBe(first);
      expect(resources.signal.aborted).toBe(true);
    });

    it('when one stop fails, stops the others and reports the problem', async () => {
      const resources = new Resources();
      const stopped: string[] = [];
      resources.add('Prosody', 'Prosody', async (n) => void stopped.push(n));
      resources.add('tap', 'tap', async () => {
        throw new Error('socket busy');
      });
      expect(await resources.close()).toEqual([
        { name: 'tap', problem: 'socket busy' },
        { name: 'Prosody' },
      ]);
      expect(stopped).toEqual(['Prosody']);
    });
  });

  describe('.add', () => {
    it('when closing has begun, stops the new thing at once and throws DemoInterrupted', async () => {
      const resources = new Resources();
      await resources.close();
      const stopped: string[] = [];
      expect(() => resources.add('Prosody', 'Prosody', async (n) => void stopped.push(n))).toThrow(
        DemoInterrupted,
      );
      await resources.lateStops();
      expect(stopped).toEqual(['Prosody']);
    });
  });
});
