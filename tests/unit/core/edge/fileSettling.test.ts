import { describe, expect, it } from 'vitest';
import { settleFile, type SettlingState } from '../../../../core/edge/fileSettling';

const rules = { quietMs: 60_000 };

describe('settleFile', () => {
  it('calls a file seen for the first time growing, however old its mtime', () => {
    const verdict = settleFile(null, { size: 100, mtimeMs: 0, seenAtMs: 1_000_000 }, false, rules);
    expect(verdict.kind).toBe('growing');
    expect(verdict.state.unchangedSinceMs).toBe(1_000_000);
  });

  it('waits out the quiet period from the first unchanged sighting, then calls it ready', () => {
    const first = settleFile(null, { size: 100, mtimeMs: 5, seenAtMs: 0 }, false, rules).state;
    const settling = settleFile(first, { size: 100, mtimeMs: 5, seenAtMs: 59_999 }, false, rules);
    expect(settling).toMatchObject({ kind: 'settling', readyAtMs: 60_000 });
    expect(settleFile(settling.state, { size: 100, mtimeMs: 5, seenAtMs: 60_000 }, false, rules).kind).toBe('ready');
  });

  it('starts the quiet period over when the size or the mtime changes', () => {
    const state: SettlingState = { size: 100, mtimeMs: 5, unchangedSinceMs: 0 };
    const grown = settleFile(state, { size: 200, mtimeMs: 5, seenAtMs: 90_000 }, false, rules);
    expect(grown.kind).toBe('growing');
    const touched = settleFile(state, { size: 100, mtimeMs: 6, seenAtMs: 90_000 }, false, rules);
    expect(touched.kind).toBe('growing');
    expect(settleFile(touched.state, { size: 100, mtimeMs: 6, seenAtMs: 149_999 }, false, rules).kind).toBe('settling');
  });

  it('never calls a file ready while a writer holds it open, however quiet', () => {
    const state: SettlingState = { size: 100, mtimeMs: 5, unchangedSinceMs: 0 };
    expect(settleFile(state, { size: 100, mtimeMs: 5, seenAtMs: 10 * 60_000 }, true, rules).kind).toBe('held_open');
    expect(settleFile(state, { size: 100, mtimeMs: 5, seenAtMs: 10 * 60_000 }, false, rules).kind).toBe('ready');
  });
});
