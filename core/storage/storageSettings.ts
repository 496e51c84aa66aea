import { z } from 'zod';
import { ValidationError } from '../errors';
import { parseWith } from '../validation/parseWith';
import { clipRetentionDays, defaultRetention, footageRetentionDays, type Retention, type RetentionOverride } from './retention';

/** A tenant's usage alert: crossing `value` GB stored, or `value` US dollars of estimated cost this month. */
export interface UsageAlert {
  readonly kind: 'gb' | 'cost';
  readonly value: number;
}

/** A tenant's storage choices, one item per tenant. */
export interface StorageSettings {
  readonly retention: Retention;
  /** Per source: what it does differently from the tenant. */
  readonly sources: Readonly<Record<string, RetentionOverride>>;
  readonly alert: UsageAlert | null;
  /** Bumped by every retention change; objects are re-tagged for the newest generation. */
  readonly generation: number;
  readonly updatedAt: string | null;
}

export const defaultStorageSettings: StorageSettings = { retention: defaultRetention, sources: {}, alert: null, generation: 0, updatedAt: null };

const oneOf = <T extends number>(choices: readonly T[], never: string) =>
  z
    .number({ error: `must be one of ${choices.join(', ')} or null (${never})` })
    .refine((days): days is T => (choices as readonly number[]).includes(days), `must be one of ${choices.join(', ')} days, or null (${never})`)
    .nullable();

const footageDays = oneOf(footageRetentionDays, 'keep');
const clipDays = oneOf(clipRetentionDays, 'forever');

const sourceIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Words for a setting that is not one: the field is the unknown key itself (parseWith names `path.key`). */
const unknownKeys = (what: string, known: string) => (issue: { code?: string }) =>
  issue.code === 'unrecognized_keys' ? `is not ${what}; use ${known}` : undefined;

const overrideSchema = z.strictObject(
  { footageDays: footageDays.optional(), clipDays: clipDays.optional() },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'is not a retention setting of a source; use footageDays or clipDays'
        : 'must be an object such as {"footageDays": 7, "clipDays": 180}, or null to follow the shop setting',
  },
);

const patchSchema = z
  .strictObject(
    {
      retention: z.strictObject({ footageDays: footageDays.optional(), clipDays: clipDays.optional() }, { error: unknownKeys('a retention setting', 'footageDays or clipDays') }).optional(),
      /** Per source: an override, or null to follow the tenant again. */
      sources: z
        .record(z.string().regex(sourceIdPattern), overrideSchema.nullable(), {
          error: (issue) =>
            issue.code === 'invalid_key'
              ? 'is not a source id (letters, digits, - and _, at most 64)'
              : 'must be an object of source id to override, such as {"src_1": {"footageDays": 7}}',
        })
        .refine((record) => Object.keys(record).length <= 200, 'at most 200 sources at once')
        .optional(),
      alert: z
        .strictObject({
          kind: z.enum(['gb', 'cost'], { error: 'must be "gb" or "cost"' }),
          value: z.number({ error: 'must be a number' }).positive('must be more than 0').max(1_000_000, 'must be at most 1,000,000'),
        })
        .nullable()
        .optional(),
    },
    { error: unknownKeys('a storage setting', 'retention, sources or alert') },
  )
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one of retention, sources, alert' });

export type StorageSettingsPatch = z.output<typeof patchSchema>;

/** Parses a settings change; a bad field is a ValidationError naming it, and nothing is applied. */
export function parseStorageSettingsPatch(body: unknown): StorageSettingsPatch {
  const result = patchSchema.safeParse(body);
  const issue = result.error?.issues[0];
  // A setting that is not one is named itself (`sources.src_1.footage`), not the object holding it.
  if (issue?.code === 'unrecognized_keys') {
    const field = [...issue.path.map(String), issue.keys[0] ?? ''].filter((part) => part !== '').join('.');
    throw new ValidationError(field, `${field}: ${issue.message}`);
  }
  return parseWith(patchSchema, body);
}

/** The settings after a patch, and whether what objects are tagged with may have changed. */
export function applyStorageSettingsPatch(current: StorageSettings, patch: StorageSettingsPatch, now: string): { settings: StorageSettings; retagNeeded: boolean } {
  const retention: Retention = { ...current.retention, ...stripUndefined(patch.retention ?? {}) };
  const sources: Record<string, RetentionOverride> = { ...current.sources };
  for (const [sourceId, override] of Object.entries(patch.sources ?? {})) {
    if (override === null) delete sources[sourceId];
    else sources[sourceId] = { ...sources[sourceId], ...stripUndefined(override) };
  }
  const retagNeeded = JSON.stringify(retention) !== JSON.stringify(current.retention) || JSON.stringify(sources) !== JSON.stringify(current.sources);
  return {
    settings: {
      retention,
      sources,
      alert: patch.alert === undefined ? current.alert : patch.alert,
      generation: retagNeeded ? current.generation + 1 : current.generation,
      updatedAt: now,
    },
    retagNeeded,
  };
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]-?: Exclude<T[K], undefined> };
}
