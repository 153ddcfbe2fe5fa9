import { afterEach, describe, expect, test, vi } from 'vitest';
import { createLogger } from '../src/lib/logger';

describe('the default log writer', () => {
  afterEach(() => vi.restoreAllMocks());

  test('writes the lines of one turn of the event loop to stdout in one write, in order, each on its own line', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const logger = createLogger('info');
    logger.info('first', { n: 1 });
    logger.warn('second', { n: 2 });
    logger.debug('below the level');
    expect(write).not.toHaveBeenCalled();

    await new Promise((resolve) => setImmediate(resolve));
    expect(write).toHaveBeenCalledTimes(1);
    const lines = String(write.mock.calls[0]![0]).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line) as { msg: string })).toMatchObject([
      { level: 'info', msg: 'first', n: 1 },
      { level: 'warn', msg: 'second', n: 2 },
    ]);
  });

  test('a later turn gets its own write, and a turn that logs nothing writes nothing', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const logger = createLogger('info');
    logger.info('one');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    logger.info('two');
    await new Promise((resolve) => setImmediate(resolve));
    expect(write.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as { msg: string })).toMatchObject([{ msg: 'one' }, { msg: 'two' }]);
  });

  test('lines still waiting when the process exits are written by its exit hook', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    createLogger('info').error('last words');
    // Only the logger's own hook: emitting `exit` would run every other listener of the test process too.
    const hook = process.listeners('exit').find((listener) => listener.name === 'flushStdout');
    expect(hook).toBeDefined();
    hook!(0);
    expect(write).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(write.mock.calls[0]![0]))).toMatchObject({ level: 'error', msg: 'last words' });
  });
});
