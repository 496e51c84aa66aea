import { describe, expect, it } from 'vitest';
import { TransientError } from '../../../../core/errors';
import { Pacer, type PacerOptions, type RetryDecision } from '../../../../adapters/retry/pacer';

function clockedOptions(overrides: Partial<PacerOptions> = {}): { options: PacerOptions; sleeps: number[] } {
  const sleeps: number[] = [];
  let now = 0;
  return {
    sleeps,
    options: {
      minIntervalMs: 0,
      baseBackoffMs: 100,
      maxBackoffMs: 1000,
      maxAttempts: 4,
      random: () => 0.5,
      now: () => now,
      sleep: (ms) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
      ...overrides,
    },
  };
}

const retryAll = (): RetryDecision => ({ retry: true });

describe('Pacer', () => {
  it('retries a retryable failure with growing jittered backoff until it succeeds', async () => {
    const { options, sleeps } = clockedOptions();
    let calls = 0;
    const pacer = new Pacer(retryAll, options);

    const result = await pacer.call('op', () => (++calls < 3 ? Promise.reject(new Error('503')) : Promise.resolve('ok')));

    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('waits at least the server\'s Retry-After', async () => {
    const { options, sleeps } = clockedOptions();
    let calls = 0;
    const pacer = new Pacer(() => ({ retry: true, retryAfterMs: 7000 }), options);

    await pacer.call('op', () => (++calls < 2 ? Promise.reject(new Error('429')) : Promise.resolve(1)));

    expect(sleeps).toEqual([7000]);
  });

  it('gives up after maxAttempts with a TransientError carrying the last error', async () => {
    const { options } = clockedOptions({ maxAttempts: 3 });
    const last = new Error('still 500');
    let calls = 0;
    const pacer = new Pacer(retryAll, options);

    const failure = pacer.call('files.list', () => {
      calls += 1;
      return Promise.reject(last);
    });

    await expect(failure).rejects.toBeInstanceOf(TransientError);
    await expect(failure).rejects.toMatchObject({ cause: last, message: /files\.list still failing after 3 attempts/ });
    expect(calls).toBe(3);
  });

  it('does not retry what the classifier refuses', async () => {
    const { options } = clockedOptions();
    let calls = 0;
    const pacer = new Pacer(() => ({ retry: false }), options);
    const refused = new Error('404');

    await expect(pacer.call('op', () => (calls++, Promise.reject(refused)))).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('spaces calls at least minIntervalMs apart', async () => {
    const { options, sleeps } = clockedOptions({ minIntervalMs: 250 });
    const pacer = new Pacer(retryAll, options);

    await pacer.call('a', () => Promise.resolve(1));
    await pacer.call('b', () => Promise.resolve(2));
    await pacer.call('c', () => Promise.resolve(3));

    expect(sleeps).toEqual([250, 250]);
  });
});
