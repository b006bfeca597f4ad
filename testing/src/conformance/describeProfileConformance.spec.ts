import { describeProfileConformance } from './describeProfileConformance';

describe(describeProfileConformance, () => {
  it('when no module defines the profile, throws SB_PROFILE_UNKNOWN before registering anything', () => {
    expect(() =>
      describeProfileConformance({
        profile: 'nowhere',
        modules: [],
        domain: 'nowhere.test',
        mechanism: 'PLAIN',
        credentials: () => {
          throw new Error('not called');
        },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'SB_PROFILE_UNKNOWN',
        message: expect.stringContaining('(loaded: none); add the profile'),
      }),
    );
  });
});
