import { describe, expect, it } from 'vitest';
import { cameraNamesOf } from '../../../../core/events/cameraNames';
import type { ParcelEvent } from '../../../../core/events/parcelEvent';
import type { Source } from '../../../../core/sources/source';

const source = (id: string, renames: Record<string, string>): Source =>
  ({ id, config: { folderIds: ['f'], mapping: { layout: 'auto', timeZone: '+07:00', renames, excluded: [] } } }) as unknown as Source;
const order = (sourceId: string, cameraId: string, names: string[]): Pick<ParcelEvent, 'sourceId' | 'cameraId' | 'files'> =>
  ({ sourceId, cameraId, files: names.map((name) => ({ name })) }) as unknown as Pick<ParcelEvent, 'sourceId' | 'cameraId' | 'files'>;

describe('camera names of orders', () => {
  it('uses the shop’s rename first, else the name its recordings carry, else the camera’s key', () => {
    // Prepare
    const names = cameraNamesOf([source('s1', { cam2: 'Bàn đóng gói 2' }), source('s2', {})]);

    // Assess
    expect(names.ofEvent(order('s1', 'cam2', ['Cam2_20250718_093000.mp4']))).toBe('Bàn đóng gói 2');
    expect(names.ofEvent(order('s1', 'cam1', ['Cam1_20250718_093000.mp4', 'Cam1_20250718_093130.mp4']))).toBe('Cam1');
    expect(names.ofEvent(order('s2', 'quay-3', ['Quầy 3_20250718_093000.mp4']))).toBe('Quầy 3');
    // A recording whose name carries no camera (the camera came from its folder): the key.
    expect(names.ofEvent(order('s2', 'ban-1', ['video-0001.mp4']))).toBe('ban-1');
    expect(names.ofEvent(order('gone', 'cam1', ['Cam1_20250718_093000.mp4']))).toBe('Cam1');
  });

  it('names a camera added from the Cameras page as the shop did (its source carries the name), not by its id', () => {
    // Prepare: the agent names its segments by the camera's id; the camera's own source has the name typed when adding it.
    const camera = { id: 'src_cam1', type: 'onvif', name: 'Bàn đóng gói 1', config: { address: '192.168.1.64:80', agentId: 'agt_1' } } as unknown as Source;
    const names = cameraNamesOf([camera, source('s2', {})]);

    // Assess
    expect(names.ofEvent(order('src_cam1', 'cam-7ncsvinjorsfhcup', ['cam-7ncsvinjorsfhcup_20261204_154300.mp4']))).toBe('Bàn đóng gói 1');
    expect(names.nameOf('src_cam1', 'cam-7ncsvinjorsfhcup')).toBe('Bàn đóng gói 1');
    expect(names.nameOf('s2', 'cam-7ncsvinjorsfhcup')).toBe('cam-7ncsvinjorsfhcup');
  });
});
