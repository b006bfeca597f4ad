import { SwitchboardError } from '@switchboard/core';
import { errorOf } from '@switchboard/testing/property';
import { BatchCollector, type IrcBatch } from './BatchCollector';
import type { IrcMessage } from './IrcMessage';
import { parseLine } from './parseLine';

function feed(
  collector: BatchCollector,
  lines: string[],
): Array<IrcMessage | IrcBatch | undefined> {
  return lines.map((line) => collector.push(parseLine(line)));
}

function reasonOf(run: () => unknown): unknown {
  const error = errorOf(run);
  if (!SwitchboardError.is(error, 'SB_IRC_MALFORMED')) throw new Error('not refused');
  return error.details.reason;
}

describe(BatchCollector, () => {
  it('when a message is not in a batch, delivers it at once', () => {
    const message = parseLine(':a!b@c PRIVMSG me :hi');
    expect(new BatchCollector().push(message)).toBe(message);
  });

  it('when a labeled response arrives in a batch, delivers it whole with its label at the end', () => {
    const out = feed(new BatchCollector(), [
      '@label=L1 :s.example BATCH +x labeled-response',
      '@batch=x :s.example NOTICE me :one',
      '@batch=x :s.example NOTICE me :two',
      ':s.example BATCH -x',
    ]);
    expect(out.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    const batch = out[3] as IrcBatch;
    expect(batch.type).toBe('labeled-response');
    expect(batch.tags.get('label')).toBe('L1');
    expect(batch.items.map((m) => ('params' in m ? m.params[1] : ''))).toEqual(['one', 'two']);
  });

  it('when batches nest, delivers the outer one holding the inner one', () => {
    const out = feed(new BatchCollector(), [
      ':s BATCH +outer chathistory bob',
      '@batch=outer :s BATCH +inner netsplit a.example b.example',
      '@batch=inner :x!y@z QUIT :split',
      ':s BATCH -inner',
      '@batch=outer :bob!b@h PRIVMSG me :old',
      ':s BATCH -outer',
    ]);
    const outer = out[5] as IrcBatch;
    expect(outer.params).toEqual(['bob']);
    expect(outer.items).toHaveLength(2);
    const inner = outer.items[0] as IrcBatch;
    expect(inner.type).toBe('netsplit');
    expect(inner.params).toEqual(['a.example', 'b.example']);
    expect(inner.items).toHaveLength(1);
  });

  it('when a batch tag names no open batch, delivers the message on its own', () => {
    const message = parseLine('@batch=nope PRIVMSG me :hi');
    expect(new BatchCollector().push(message)).toBe(message);
  });

  it('when a batch is closed without being open, or opened twice, throws SB_IRC_MALFORMED', () => {
    expect(reasonOf(() => feed(new BatchCollector(), ['BATCH -x']))).toBe('invalid-batch');
    expect(reasonOf(() => feed(new BatchCollector(), ['BATCH +x t', 'BATCH +x t']))).toBe(
      'invalid-batch',
    );
    expect(reasonOf(() => feed(new BatchCollector(), ['BATCH +x']))).toBe('invalid-batch');
    expect(reasonOf(() => feed(new BatchCollector(), ['BATCH x t']))).toBe('invalid-batch');
  });

  it('when a server opens batches without end, throws once too many are open', () => {
    const collector = new BatchCollector({ maxOpen: 3 });
    feed(collector, ['BATCH +a t', 'BATCH +b t', 'BATCH +c t']);
    expect(reasonOf(() => collector.push(parseLine('BATCH +d t')))).toBe('too-many-batches');
  });

  it('when a batch holds too many messages, throws; closed batches free their count', () => {
    const collector = new BatchCollector({ maxMessages: 2 });
    feed(collector, ['BATCH +a t', '@batch=a PING', '@batch=a PING', 'BATCH -a']);
    feed(collector, ['BATCH +b t', '@batch=b PING', '@batch=b PING']);
    expect(reasonOf(() => collector.push(parseLine('@batch=b PING')))).toBe('batch-too-large');
  });
});
