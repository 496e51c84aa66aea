import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { carrierPresets, defaultProcessingSettings, processingSettingsSchema, trackingCodePatternsOf } from '../../../../core/sources/processingSettings';
import { googleDriveConfigSchema } from '../../../../core/sources/sourceSchemas';
import { parseWith } from '../../../../core/validation/parseWith';
import { CARRIERS, defaultProcessing, fromDraft, toDraft } from '../../../../web/src/routes/sources/edit/processingDraft';

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const drive = (processing: unknown) => ({ folderIds: ['f1'], processing });

describe('processing settings', () => {
  it('fills every field with a sane default: off, every carrier, 0–600 s packing, 2 s either side, whole picture, footage kept', () => {
    expect(parseWith(processingSettingsSchema, {})).toEqual({
      enabled: false,
      carriers: carrierPresets,
      customPatterns: [],
      minPackingSec: 0,
      maxPackingSec: 600,
      preBufferSec: 2,
      postBufferSec: 2,
      roi: null,
      keep: 'clips_and_footage',
    });
  });

  it.each([
    [{ carriers: ['DHL'] }, 'config.processing.carriers.0'],
    [{ carriers: [], customPatterns: [] }, 'config.processing.carriers'],
    [{ customPatterns: [{ carrier: 'Mine', pattern: '([' }] }, 'config.processing.customPatterns.0.pattern'],
    [{ customPatterns: [{ carrier: 'Mine', pattern: 'A*' }] }, 'config.processing.customPatterns.0.pattern'],
    [{ minPackingSec: -1 }, 'config.processing.minPackingSec'],
    [{ minPackingSec: 60, maxPackingSec: 30 }, 'config.processing.maxPackingSec'],
    [{ preBufferSec: 61 }, 'config.processing.preBufferSec'],
    [{ postBufferSec: 'two' }, 'config.processing.postBufferSec'],
    [{ roi: { x: 0, y: 0, width: 0.01, height: 0.5 } }, 'config.processing.roi.width'],
    [{ roi: { x: 1.5, y: 0, width: 0.5, height: 0.5 } }, 'config.processing.roi.x'],
    [{ roi: { x: 0.6, y: 0, width: 0.5, height: 0.5 } }, 'config.processing.roi.width'],
    [{ roi: { x: 0, y: 0.7, width: 0.5, height: 0.5 } }, 'config.processing.roi.height'],
    [{ roi: { x: 0, y: 0, width: 640, height: 360 } }, 'config.processing.roi.width'],
    [{ roi: { x: 0, y: 0, width: 0.5 } }, 'config.processing.roi.height'],
    [{ keep: 'nothing' }, 'config.processing.keep'],
    [{ enabled: 'yes' }, 'config.processing.enabled'],
    [{ fps: 30 }, 'config.processing'],
  ])('refuses %j naming the field', (processing, field) => {
    expect(fieldOf(() => parseWith(googleDriveConfigSchema, drive(processing), 'config'))).toBe(field);
  });

  it('counts the chosen presets and the tenant\'s own patterns', () => {
    const settings = parseWith(processingSettingsSchema, { carriers: ['GHN'], customPatterns: [{ carrier: 'Shop', pattern: 'SHOP\\d{6}' }] });
    expect(trackingCodePatternsOf(settings).map((p) => p.carrier)).toEqual(['GHN', 'Shop']);
  });

  it('the web form knows the same carriers and defaults as the API, and round-trips settings', () => {
    expect([...CARRIERS]).toEqual(carrierPresets);
    expect(defaultProcessing).toEqual(defaultProcessingSettings);
    const settings = parseWith(processingSettingsSchema, { enabled: true, carriers: ['SPX'], customPatterns: [{ carrier: 'Shop', pattern: 'A=B\\d+' }], roi: { x: 0.1, y: 0.25, width: 0.5, height: 0.4 } });
    expect(fromDraft(toDraft(settings))).toEqual(settings);
  });
});
