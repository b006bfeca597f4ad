import { SwitchboardError } from '../errors/SwitchboardError';
import { saslOutOfOrder } from './saslOutOfOrder';

describe(saslOutOfOrder, () => {
  it('builds an SB_SASL_PROTOCOL error naming the mechanism and the problem', () => {
    const error = saslOutOfOrder('PLAIN', 'the server sent a challenge');
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error.code).toBe('SB_SASL_PROTOCOL');
    expect(error.message).toBe('The PLAIN exchange is out of order: the server sent a challenge.');
    expect(error.details).toEqual({ mechanism: 'PLAIN' });
  });
});
