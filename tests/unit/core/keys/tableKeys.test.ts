import { describe, expect, it } from 'vitest';
import { dueIndex, DUE_SHARDS, filesByStatusIndex, tableKeys } from '../../../../core/keys/tableKeys';

describe('tableKeys', () => {
  it('starts every tenant-owned partition key with the tenant', () => {
    const keys = [
      tableKeys.tenant('t1'),
      tableKeys.user('t1', 'u'),
      tableKeys.source('t1', 's'),
      tableKeys.syncState('t1', 's'),
      tableKeys.camera('t1', 's', 'c'),
      tableKeys.run('t1', 's', 'r'),
      tableKeys.file('t1', 's', 'f'),
      tableKeys.agent('t1', 'a'),
      tableKeys.event('t1', 'e'),
      tableKeys.eventOnCamera('t1', 's', 'cam1', '2025-07-18T02:30:00.000Z', 'e'),
      tableKeys.eventByCode('t1', 'GHN123', '2025-07-18T02:30:00.000Z', 'e'),
      tableKeys.eventByCode('t1', 'AB', '2025-07-18T02:30:00.000Z', 'e'),
      tableKeys.agentUpload('t1', 'a', 'u'),
    ];
    for (const key of keys) expect(key.pk === 'T#t1' || key.pk.startsWith('T#t1#')).toBe(true);
    expect(filesByStatusIndex.partition('t1', 's', 'failed').startsWith('T#t1#')).toBe(true);
  });

  it('keeps a source\'s sub-items out of the tenant\'s source listing prefix', () => {
    const { skPrefix } = tableKeys.sourcesOfTenant('t1');
    expect(tableKeys.source('t1', 's').sk.startsWith(skPrefix)).toBe(true);
    expect(tableKeys.syncState('t1', 's').sk.startsWith(skPrefix)).toBe(false);
    expect(tableKeys.camera('t1', 's', 'c').sk.startsWith(skPrefix)).toBe(false);
  });

  it('lets a code prefix of 4 characters find every code it begins, and an exact code no longer one', () => {
    const code = tableKeys.eventByCode('t1', 'GHN12345', '2025-07-18T02:30:00.000Z', 'e');
    const longer = tableKeys.eventByCode('t1', 'GHN123456', '2025-07-18T02:30:00.000Z', 'e');
    const prefix = tableKeys.eventsOfCodePrefix('t1', 'GHN1');
    const exact = tableKeys.eventsOfCode('t1', 'GHN12345');
    expect([code.pk, longer.pk]).toEqual([prefix.pk, prefix.pk]);
    expect(code.sk.startsWith(prefix.skPrefix) && longer.sk.startsWith(prefix.skPrefix)).toBe(true);
    expect(exact.pk).toBe(code.pk);
    expect(code.sk.startsWith(exact.skPrefix)).toBe(true);
    expect(longer.sk.startsWith(exact.skPrefix)).toBe(false);
  });

  it('keeps one camera\'s time line apart from a camera whose id it begins', () => {
    const { skPrefix } = tableKeys.eventsOfCamera('t1', 's', 'cam1');
    expect(tableKeys.eventOnCamera('t1', 's', 'cam1', '2025-07-18T02:30:00.000Z', 'e').sk.startsWith(skPrefix)).toBe(true);
    expect(tableKeys.eventOnCamera('t1', 's', 'cam1-b', '2025-07-18T02:30:00.000Z', 'e').sk.startsWith(skPrefix)).toBe(false);
    expect(tableKeys.file('t1', 's', 'EVENT#x').sk.startsWith(tableKeys.eventsOfSource('t1', 's').skPrefix)).toBe(false);
  });

  it('keeps an agent\'s uploads out of the tenant\'s agent listing and out of other agents\' uploads', () => {
    expect(tableKeys.agentUpload('t1', 'a', 'u').sk.startsWith(tableKeys.agentsOfTenant('t1').skPrefix)).toBe(false);
    expect(tableKeys.agentUpload('t1', 'a', 'u').sk.startsWith(tableKeys.agentUploadsOfAgent('t1', 'a').skPrefix)).toBe(true);
    expect(tableKeys.agentUpload('t1', 'ab', 'u').sk.startsWith(tableKeys.agentUploadsOfAgent('t1', 'a').skPrefix)).toBe(false);
  });

  it('puts a source in a stable due shard and orders due keys by time', () => {
    const shard = dueIndex.shardOf('t1', 's1');
    expect(dueIndex.shardOf('t1', 's1')).toBe(shard);
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(DUE_SHARDS);
    const early = dueIndex.sortKey('2025-07-18T09:00:00.000Z', 't9', 's9');
    const late = dueIndex.sortKey('2025-07-18T09:00:00.001Z', 't0', 's0');
    expect(early < late).toBe(true);
    expect(late <= dueIndex.upperBound('2025-07-18T09:00:00.001Z')).toBe(true);
    expect(late <= dueIndex.upperBound('2025-07-18T09:00:00.000Z')).toBe(false);
  });

  it('spreads many sources over all due shards', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => dueIndex.shardOf('tenant', `src_${i}`)));
    expect(shards.size).toBe(DUE_SHARDS);
  });
});
