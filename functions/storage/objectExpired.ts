import { z } from 'zod';
import { recordExpiry } from '../../core/storage/recordExpiry';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/**
 * The EventBridge event S3 sends when a lifecycle rule deletes an object
 * (`Object Deleted`, reason `Lifecycle Expiration`); the local sweeper sends
 * the same shape.
 */
export const objectDeletedEventSchema = z.object({
  time: z.string(),
  detail: z.object({
    object: z.object({ key: z.string().min(1) }),
    reason: z.string().optional(),
  }),
});

/**
 * A lifecycle rule expired an object: it comes off the ledger and the usage
 * counters, its tracked file becomes `expired`, and orders say so (recordExpiry).
 * S3 may URL-encode keys in events; the key is tried as given, then decoded.
 */
export function makeHandler(deps: () => AppDependencies) {
  return taskHandler(
    'ObjectExpired',
    objectDeletedEventSchema,
    async (input) => {
      const app = deps();
      const at = new Date(Number.isNaN(Date.parse(input.time)) ? app.clock.now().getTime() : Date.parse(input.time));
      const ports = { ledger: app.storageLedger, files: app.trackedFiles, events: app.events, clock: app.clock };
      const key = input.detail.object.key;
      let outcome = await recordExpiry(ports, key, at);
      if (outcome === 'unknown') {
        const decoded = safeDecode(key);
        if (decoded !== key) outcome = await recordExpiry(ports, decoded, at);
      }
      app.logger.info({ key, outcome }, 'object expired');
      return { outcome };
    },
    () => deps().logger,
  );
}

function safeDecode(key: string): string {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    return key;
  }
}

export const handler = makeHandler(appDependencies);
