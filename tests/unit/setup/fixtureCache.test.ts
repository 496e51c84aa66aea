import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedFixture, fixtureCacheRoot } from '../../integration/processing/helpers/fixtureCache';

/** Folders of the cache whose name starts with `name-`. */
const foldersOf = (name: string): string[] => readdirSync(fixtureCacheRoot).filter((entry) => entry.startsWith(`${name}-`));

describe('the generated-fixture cache', () => {
  it('makes a fixture once for the same inputs and again for changed inputs (never a stale one)', () => {
    // Arrange
    const name = `unit-${randomUUID()}`;
    let made = 0;
    const make = (seed: number) => (dir: string) => {
      made += 1;
      writeFileSync(join(dir, 'video.txt'), `seed ${seed}`);
    };

    // Act
    const first = cachedFixture(name, ['--seed', 1], make(1));
    const again = cachedFixture(name, ['--seed', 1], make(1));
    const changed = cachedFixture(name, ['--seed', 2], make(2));

    // Assess
    expect(again).toBe(first);
    expect(changed).not.toBe(first);
    expect(made).toBe(2);
    expect(readFileSync(join(changed, 'video.txt'), 'utf8')).toBe('seed 2');
  });

  it('leaves nothing in place when making fails, so the next call makes it again', () => {
    // Arrange
    const name = `unit-${randomUUID()}`;
    const failing = (dir: string): void => {
      writeFileSync(join(dir, 'half.mp4'), 'the first half');
      throw new Error('ffmpeg died');
    };

    // Act
    const attempt = (): string => cachedFixture(name, [], failing);

    // Assess
    expect(attempt).toThrow('ffmpeg died');
    expect(foldersOf(name)).toEqual([]);
    const made = cachedFixture(name, [], (dir) => writeFileSync(join(dir, 'whole.mp4'), 'all of it'));
    expect(readdirSync(made)).toEqual(['whole.mp4']);
  });

  it('keeps the copy already in place when another worker finished the same fixture first', () => {
    // Arrange: a second worker's copy lands while this one is still making it.
    const name = `unit-${randomUUID()}`;
    let theirs = '';

    // Act
    const mine = cachedFixture(name, ['same'], (dir) => {
      theirs = cachedFixture(name, ['same'], (other) => writeFileSync(join(other, 'video.mp4'), 'theirs'));
      writeFileSync(join(dir, 'video.mp4'), 'mine');
    });

    // Assess
    expect(mine).toBe(theirs);
    expect(readFileSync(join(mine, 'video.mp4'), 'utf8')).toBe('theirs');
    expect(foldersOf(name)).toHaveLength(1);
    expect(readdirSync(fixtureCacheRoot).filter((entry) => entry.startsWith('.making-') && existsSync(join(fixtureCacheRoot, entry, 'video.mp4')))).toEqual([]);
  });
});
