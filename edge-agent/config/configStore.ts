import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { agentConfigSchema, type AgentConfig } from '../../core/edge/agentConfigSchema';
import { ValidationError } from '../../core/errors';
import { parseWith } from '../../core/validation/parseWith';
import { writeFileDurably } from '../state/writeFileDurably';
import { withoutUnknownFields } from './withoutUnknownFields';

export type ConfigOutcome =
  /** `ignored`: fields of a newer cloud this agent does not know (dotted names), left out. */
  | { readonly kind: 'applied'; readonly config: AgentConfig; readonly ignored: readonly string[] }
  | { readonly kind: 'unchanged'; readonly config: AgentConfig | null }
  | { readonly kind: 'refused'; readonly field: string; readonly message: string; readonly config: AgentConfig | null };

/**
 * The agent's last good configuration, kept on disk so that a restart during an
 * outage of the cloud carries on with it. A configuration from the cloud is
 * applied only when it is valid and newer than the one held; an invalid one is
 * refused with the field at fault and changes nothing. Fields this agent does
 * not know (a newer cloud's) are left out and named, not refused.
 */
export class ConfigStore {
  private constructor(
    private readonly file: string,
    private current: AgentConfig | null,
  ) {}

  static async open(stateDir: string): Promise<ConfigStore> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, 'config.json');
    const text = await readFile(file, 'utf8').catch(() => null);
    return new ConfigStore(file, text === null ? null : readStored(text));
  }

  get config(): AgentConfig | null {
    return this.current;
  }

  async offer(candidate: unknown): Promise<ConfigOutcome> {
    let config: AgentConfig;
    const known = withoutUnknownFields(agentConfigSchema, candidate);
    try {
      config = parseWith(agentConfigSchema, known.value, 'config');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { kind: 'refused', field: error.field, message: error.message, config: this.current };
    }
    if (this.current !== null && config.revision <= this.current.revision) return { kind: 'unchanged', config: this.current };
    await writeFileDurably(this.file, JSON.stringify(config));
    this.current = config;
    return { kind: 'applied', config, ignored: known.ignored };
  }
}

/** Written only after validation, so a file that fails now is damaged: start without one rather than crash. */
function readStored(text: string): AgentConfig | null {
  try {
    const parsed = agentConfigSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
