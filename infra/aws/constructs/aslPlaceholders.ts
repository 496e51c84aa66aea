/** The `${Name}` placeholders an ASL file uses, each once, in order of appearance. */
export function aslPlaceholders(definition: string): string[] {
  const names = [...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] ?? '');
  return [...new Set(names)];
}

/** The catalogue name a `${<Name>FunctionArn}` placeholder refers to, or undefined. */
export function functionNameOfPlaceholder(placeholder: string): string | undefined {
  const match = /^(.+)FunctionArn$/.exec(placeholder);
  return match?.[1];
}
