import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../core/errors';
import type { EventRepository } from '../../core/ports/eventRepository';
import { caught } from '../integration/standins/support/caught';
import { useContractSubject, type ContractFactory } from './support/contractSubject';
import { idsOf, min, parcelEvent as ev, S, T, window } from './support/parcelEvents';

/**
 * What every EventRepository promises (core/ports/eventRepository.ts): one event
 * per order however often and in whatever pieces footage is processed, reads
 * scoped to one tenant, newest first by code, oldest first on a camera's time
 * line, and prefix search.
 */
export function describeEventRepositoryContract(name: string, factory: ContractFactory<EventRepository>): void {
  describe(`EventRepository contract: ${name}`, () => {
    const fresh = useContractSubject(factory);

    test('writing the same window twice leaves each event once and removes nothing', async () => {
      // Prepare
      const repo = await fresh();
      const events = [ev(['SPXVN000000001'], 1), ev(['SPXVN000000002', 'GHN0000000002'], 3)];

      // Act
      const first = await repo.replaceWindow(window(0, 10), events);
      const second = await repo.replaceWindow(window(0, 10), events);

      // Assess
      expect([first, second]).toEqual([[], []]);
      expect(idsOf(await repo.listByCamera(window(0, 60), 100))).toEqual(idsOf(events));
      expect(await repo.findByCode(T, 'SPXVN000000002', 10)).toHaveLength(1);
      expect(await repo.findByCode(T, 'GHN0000000002', 10)).toHaveLength(1);
      expect(await repo.get(T, events[1]!.id)).toEqual(events[1]);
    });

    test('a neighbour file that joins two halves of an order leaves one event, and the half it replaced is reported', async () => {
      // Prepare: two files processed alone, each holding half of one order
      const repo = await fresh();
      const firstHalf = ev(['SPXVN000000009'], 9.5, { lengthMin: 0.5 });
      const secondHalf = ev(['SPXVN000000009'], 10, { lengthMin: 0.4 });
      await repo.replaceWindow(window(0, 10), [firstHalf]);
      await repo.replaceWindow(window(10, 20), [secondHalf]);
      const joined = ev(['SPXVN000000009'], 9.5, { lengthMin: 0.9 });

      // Act: both files together
      const removed = await repo.replaceWindow(window(0, 20), [joined]);

      // Assess
      expect(removed).toEqual([secondHalf.id]);
      expect(await repo.findByCode(T, 'SPXVN000000009', 10)).toEqual([joined]);
      expect(idsOf(await repo.listByCamera(window(0, 20), 100))).toEqual([joined.id]);
      expect(await repo.get(T, secondHalf.id)).toBeNull();
    });

    test('a window replaces only events starting inside it, on its own camera and source', async () => {
      // Prepare
      const repo = await fresh();
      const before = ev(['GHN000000000A'], 9.99);
      const inside = ev(['GHN000000000B'], 10);
      const atEnd = ev(['GHN000000000C'], 20);
      const otherCamera = ev(['GHN000000000D'], 12, { cameraId: 'cam2' });
      const otherSource = ev(['GHN000000000E'], 12, { sourceId: 'src_other' });
      await repo.replaceWindow(window(0, 10), [before]);
      await repo.replaceWindow(window(10, 20), [inside]);
      await repo.replaceWindow(window(20, 30), [atEnd]);
      await repo.replaceWindow(window(0, 30, { cameraId: 'cam2' }), [otherCamera]);
      await repo.replaceWindow(window(0, 30, { sourceId: 'src_other' }), [otherSource]);

      // Act
      const removed = await repo.replaceWindow(window(10, 20), []);

      // Assess
      expect(removed).toEqual([inside.id]);
      expect(idsOf(await repo.listByCamera(window(0, 30), 100))).toEqual([before.id, atEnd.id]);
      for (const code of ['GHN000000000A', 'GHN000000000C', 'GHN000000000D', 'GHN000000000E']) expect(await repo.findByCode(T, code, 10)).toHaveLength(1);
      expect(await repo.findByCode(T, 'GHN000000000B', 10)).toEqual([]);
    });

    test('an event processed again with other codes is no longer found by the code it lost', async () => {
      // Prepare
      const repo = await fresh();
      await repo.replaceWindow(window(0, 10), [ev(['SPXVN000000003', 'GHN0000000003'], 2)]);

      // Act
      await repo.replaceWindow(window(0, 10), [ev(['SPXVN000000003'], 2)]);

      // Assess
      expect(await repo.findByCode(T, 'GHN0000000003', 10)).toEqual([]);
      expect(await repo.findByCode(T, 'SPXVN000000003', 10)).toHaveLength(1);
    });

    test('one code found in several orders reads newest first, up to the limit', async () => {
      // Prepare: the same code packed three times (a returned parcel sent again), across cameras and windows
      const repo = await fresh();
      const old = ev(['SPXVN000000004'], 1);
      const middle = ev(['SPXVN000000004'], 31, { cameraId: 'cam2' });
      const newest = ev(['SPXVN000000004'], 61);
      await repo.replaceWindow(window(0, 30), [old]);
      await repo.replaceWindow(window(30, 60, { cameraId: 'cam2' }), [middle]);
      await repo.replaceWindow(window(60, 90), [newest]);

      // Act
      const all = await repo.findByCode(T, 'SPXVN000000004', 10);
      const two = await repo.findByCode(T, 'SPXVN000000004', 2);

      // Assess
      expect(idsOf(all)).toEqual([newest.id, middle.id, old.id]);
      expect(idsOf(two)).toEqual([newest.id, middle.id]);
    });

    test('codes are searched in their normal form: spaces and lower case do not matter', async () => {
      // Prepare
      const repo = await fresh();
      const event = ev(['GHN12345ABC'], 5);
      await repo.replaceWindow(window(0, 10), [event]);

      // Act
      const found = await repo.findByCode(T, '  ghn 12345abc\n', 10);
      const notFound = await repo.findByCode(T, 'GHN12345AB', 10);

      // Assess
      expect(idsOf(found)).toEqual([event.id]);
      expect(notFound).toEqual([]);
    });

    test('a prefix of at least 4 characters finds every code it begins, newest first, each event once', async () => {
      // Prepare
      const repo = await fresh();
      const a = ev(['GHN12345678'], 1);
      const b = ev(['GHN12399999', 'GHN12300000'], 2);
      const c = ev(['GHN19999999'], 3);
      const other = ev(['SPXVN000000005'], 4);
      await repo.replaceWindow(window(0, 10), [a, b, c, other]);

      // Act
      const ghn123 = await repo.findByCodePrefix(T, 'ghn123', 10);
      const ghn1Limited = await repo.findByCodePrefix(T, 'GHN1', 2);
      const tooShort = await caught(repo.findByCodePrefix(T, 'GHN', 10));

      // Assess
      expect(idsOf(ghn123)).toEqual([b.id, a.id]);
      expect(idsOf(ghn1Limited)).toEqual([c.id, b.id]);
      expect(tooShort).toBeInstanceOf(ValidationError);
      expect((tooShort as ValidationError).field).toBe('prefix');
    });

    test('another tenant reads none of it and its writes leave it alone', async () => {
      // Prepare
      const repo = await fresh();
      const mine = ev(['SPXVN000000006'], 5);
      await repo.replaceWindow(window(0, 10), [mine]);
      const theirs = ev(['SPXVN000000007'], 6, { tenantId: 'ten_other' });

      // Act
      const removed = await repo.replaceWindow(window(0, 10, { tenantId: 'ten_other' }), [theirs]);
      await repo.updateClip('ten_other', mine.id, { state: 'failed', s3Key: null, bytes: null, error: 'x' });
      const deleted = await repo.deleteBySource('ten_other', S);

      // Assess
      expect(removed).toEqual([]);
      expect(deleted).toBe(1);
      expect(await repo.get('ten_other', mine.id)).toBeNull();
      expect(await repo.findByCode('ten_other', 'SPXVN000000006', 10)).toEqual([]);
      expect(await repo.findByCodePrefix('ten_other', 'SPXVN', 10)).toEqual([]);
      expect(await repo.listByCamera(window(0, 10, { tenantId: 'ten_other' }), 10)).toEqual([]);
      expect(await repo.get(T, mine.id)).toEqual(mine);
      expect(await repo.findByCode(T, 'SPXVN000000007', 10)).toEqual([]);
    });

    test('a camera time line reads oldest first within its window', async () => {
      // Prepare
      const repo = await fresh();
      const events = [ev(['SPXVN000000010'], 1), ev(['SPXVN000000011'], 2), ev(['SPXVN000000012'], 3), ev(['SPXVN000000013'], 4)];
      await repo.replaceWindow(window(0, 10), [...events].reverse());

      // Act
      const middle = await repo.listByCamera(window(2, 4), 100);
      const firstTwo = await repo.listByCamera(window(0, 10), 2);

      // Assess
      expect(idsOf(middle)).toEqual(idsOf(events.slice(1, 3)));
      expect(idsOf(firstTwo)).toEqual(idsOf(events.slice(0, 2)));
    });

    test('a clip update shows wherever the event is read, and does nothing to an event that is gone', async () => {
      // Prepare
      const repo = await fresh();
      const event = ev(['SPXVN000000014'], 1, { clip: { state: 'pending', s3Key: null, bytes: null, error: null } });
      await repo.replaceWindow(window(0, 10), [event]);
      const clip = { state: 'footage_expired', s3Key: null, bytes: null, error: 'footage removed by retention' } as const;

      // Act
      await repo.updateClip(T, event.id, clip);
      await repo.updateClip(T, 'src_contract_cam1_gone', clip);

      // Assess
      expect((await repo.get(T, event.id))?.clip).toEqual(clip);
      expect((await repo.findByCode(T, 'SPXVN000000014', 1))[0]?.clip).toEqual(clip);
      expect((await repo.findByCodePrefix(T, 'SPXVN00000001', 1))[0]?.clip).toEqual(clip);
      expect((await repo.listByCamera(window(0, 10), 10))[0]?.clip).toEqual(clip);
      expect(await repo.get(T, 'src_contract_cam1_gone')).toBeNull();
    });

    test('deleting a source removes its events everywhere and no other source\'s', async () => {
      // Prepare
      const repo = await fresh();
      const gone = Array.from({ length: 30 }, (_, i) => ev([`SPXVN0000001${String(i).padStart(2, '0')}`], i * 0.1));
      const stays = ev(['SPXVN000000200'], 1, { sourceId: 'src_stays' });
      await repo.replaceWindow(window(0, 10), gone);
      await repo.replaceWindow(window(0, 10, { sourceId: 'src_stays' }), [stays]);

      // Act
      const deleted = await repo.deleteBySource(T, S);

      // Assess
      expect(deleted).toBe(30);
      expect(await repo.findByCodePrefix(T, 'SPXVN0000001', 100)).toEqual([]);
      expect(await repo.get(T, gone[0]!.id)).toBeNull();
      expect(idsOf(await repo.findByCodePrefix(T, 'SPXVN', 100))).toEqual([stays.id]);
    });

    test('events that do not belong to the window are refused, naming the field, and nothing is written', async () => {
      // Prepare
      const repo = await fresh();
      const stored = ev(['SPXVN000000015'], 1);
      await repo.replaceWindow(window(0, 10), [stored]);

      // Act
      const outside = await caught(repo.replaceWindow(window(0, 10), [ev(['SPXVN000000016'], 2), ev(['SPXVN000000017'], 10)]));
      const otherCamera = await caught(repo.replaceWindow(window(0, 10), [ev(['SPXVN000000018'], 2, { cameraId: 'cam9' })]));
      const rawCode = await caught(repo.replaceWindow(window(0, 10), [ev(['spx 1'], 2)]));
      const badWindow = await caught(repo.replaceWindow({ ...window(0, 10), to: min(0) }, []));
      const badLimit = await caught(repo.findByCode(T, 'SPXVN000000015', 0));

      // Assess
      expect([outside, otherCamera, rawCode, badWindow, badLimit].map((e) => (e as ValidationError).field)).toEqual([
        'events.1.start',
        'events.0.cameraId',
        'events.0.trackingCodes.0',
        'window.to',
        'limit',
      ]);
      expect(idsOf(await repo.listByCamera(window(0, 10), 100))).toEqual([stored.id]);
      expect(await repo.findByCode(T, 'SPXVN000000016', 10)).toEqual([]);
    });

    test('many codes at once answer exactly what asking them one by one answers, not-found codes and duplicates included', async () => {
      // Prepare: a dense partition (300 SPXV codes), a code packed 25 times (over the limit), codes that are
      // prefixes of others, an order with codes in two partitions, short and non-Latin codes, another tenant's copy
      const repo = await fresh();
      const cam1 = Array.from({ length: 300 }, (_, i) => ev([`SPXVN${String(100_000 + i * 7).padStart(9, '0')}`], i));
      const repacked = Array.from({ length: 25 }, (_, i) => ev(['GHNREPACK1'], 400 + i, { cameraId: 'cam2' }));
      const cam3 = [
        ev(['GHN123'], 500),
        ev(['GHN1234'], 501),
        ev(['GHN12345', 'SPXVN000100007'], 502),
        ev(['AB1'], 503),
        ev(['ĐƠNHÀNG0001'], 504),
        ev(['VTP99', 'GHN1234'], 505),
      ];
      await repo.replaceWindow(window(0, 400), cam1);
      await repo.replaceWindow(window(400, 500, { cameraId: 'cam2' }), repacked);
      await repo.replaceWindow(window(500, 600, { cameraId: 'cam3' }), cam3.map((e) => ({ ...e, cameraId: 'cam3' })).map((e) => ({ ...e, id: `${e.id}-3` })));
      await repo.replaceWindow(window(0, 10, { tenantId: 'ten_other' }), [ev(['GHNOTHER01'], 1, { tenantId: 'ten_other' })]);
      const asked = [
        ...cam1.filter((_, i) => i % 3 === 0).map((e) => e.trackingCodes[0]!),
        ...Array.from({ length: 40 }, (_, i) => `SPXVN${String(100_001 + i * 7).padStart(9, '0')}`),
        'spxvn 000100007',
        'SPXVN000100007',
        'GHNREPACK1',
        'ghnrepack1',
        'GHN123',
        'GHN1234',
        'GHN12345',
        'GHN12',
        'AB1',
        'ab',
        'đơnhàng0001',
        'VTP99',
        'GHNOTHER01',
        'NOTHERE0001',
      ];
      // Only the two ends of the dense partition: a range over it would read 300 codes for 2.
      const ends = [cam1[0]!.trackingCodes[0]!, cam1[299]!.trackingCodes[0]!, 'SPXVN000000001'];

      for (const [limit, codes] of [[20, asked], [3, asked], [20, ends]] as const) {
        // Act
        const batched = await repo.findByCodes(T, codes, limit);
        const normal = [...new Set(codes.map((code) => code.replace(/\s+/g, '').toUpperCase()))];
        const oneByOne = await Promise.all(normal.map(async (code) => [code, await repo.findByCode(T, code, limit)] as const));

        // Assess
        expect([...batched.keys()].sort()).toEqual([...normal].sort());
        for (const [code, events] of oneByOne) expect(batched.get(code), `${code}, limit ${limit}`).toEqual(events);
      }
      const found = await repo.findByCodes(T, asked, 20);
      expect(found.get('GHNREPACK1')).toHaveLength(20);
      expect(found.get('GHN1234')).toHaveLength(2);
      expect(found.get('SPXVN000100007')?.map((e) => e.trackingCodes)).toEqual([['GHN12345', 'SPXVN000100007'], ['SPXVN000100007']]);
      expect(found.get('GHNOTHER01')).toEqual([]);
      expect(found.get('NOTHERE0001')).toEqual([]);
      expect([...found.values()].filter((events) => events.length > 0)).toHaveLength(100 + 8);
    });
  });
}
