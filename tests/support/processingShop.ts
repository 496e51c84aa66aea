import type { SourceView } from '../../core/api/sourcesApi';
import { openGoogleShop, type GoogleShop } from './googleShop';

/** A Google shop (see openGoogleShop) with a flat Drive source whose footage is processed, after its first sync. */
export interface ProcessingShop extends GoogleShop {
  readonly sourceId: string;
  /** The source's Drive folder; add files to it and sync to process more. */
  readonly folder: string;
}

export interface ProcessingShopOptions {
  readonly email: string;
  readonly shopName: string;
  readonly sourceName: string;
  /** A real packing video the folder starts with; beside it, a file named like a video that is not one. */
  readonly firstVideo: { readonly name: string; readonly content: Buffer };
  /** Runs once the shop is signed up, before anything is stored (a setting to choose first). */
  readonly beforeSource?: (shop: GoogleShop) => Promise<void>;
  /** The source's processing settings beyond `enabled: true` (e.g. `keep: 'clips_only'`). */
  readonly processing?: Readonly<Record<string, unknown>>;
}

/** The local stack with the Drive fake, a shop, and a processing source synced once (its first file processed). */
export async function openProcessingShop(options: ProcessingShopOptions): Promise<ProcessingShop> {
  const opened = await openGoogleShop(options.email, options.shopName);
  try {
    await options.beforeSource?.(opened);
    const { drive } = opened.google.fake;
    const folder = drive.addFolder({ name: 'Quầy đóng gói 1' });
    drive.addFile({ name: options.firstVideo.name, parentId: folder, content: options.firstVideo.content });
    drive.addFile({ name: 'Cam1_20250718_100000.mp4', parentId: folder, content: Buffer.from('not a video, whatever the name says') });
    const created = await opened.shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: options.sourceName,
      intervalMinutes: 15,
      config: { connectionId: opened.connectionId, folderIds: [folder], mapping: { layout: 'flat', timeZone: '+07:00', renames: {}, excluded: [] }, processing: { ...options.processing, enabled: true } },
    });
    if (created.status !== 201) throw new Error(`the processing source was refused: ${created.status} ${JSON.stringify(created.body)}`);
    await opened.google.harness.stack.settle();
    return { ...opened, sourceId: created.body.id, folder };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
