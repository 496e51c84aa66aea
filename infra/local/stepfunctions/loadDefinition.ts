import { readFile } from 'node:fs/promises';

/** A parsed ASL document: only the parts the local runner walks are typed. */
export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly ItemProcessor?: AslDefinition;
  readonly Iterator?: AslDefinition;
  readonly Branches?: readonly AslDefinition[];
}
export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
}

/**
 * Reads a statemachines/*.asl.json file and fills its `${Name}` placeholders,
 * exactly as CDK's `definitionSubstitutions` does. A placeholder with no value
 * is an error here, as it would be in a deployment.
 */
export async function loadDefinition(file: string, substitutions: Readonly<Record<string, string>>): Promise<AslDefinition> {
  const text = await readFile(file, 'utf8');
  const filled = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`${file}: no value for placeholder \${${name}}`);
    return value;
  });
  return JSON.parse(filled) as AslDefinition;
}

/** Every Task state, including those inside Map and Parallel, keyed by state name. */
export function taskStates(definition: AslDefinition): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (machine: AslDefinition): void => {
    for (const [name, state] of Object.entries(machine.States)) {
      if (state.Type === 'Task' && state.Resource !== undefined) {
        if (found.has(name) && found.get(name) !== state.Resource) {
          throw new Error(`task state name ${name} is used for two resources; the local runner keys handlers by state name`);
        }
        found.set(name, state.Resource);
      }
      if (state.ItemProcessor) visit(state.ItemProcessor);
      if (state.Iterator) visit(state.Iterator);
      for (const branch of state.Branches ?? []) visit(branch);
    }
  };
  visit(definition);
  return found;
}
