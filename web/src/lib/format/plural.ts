// One formatter for the app: Number#toLocaleString builds a new one per call,
// which adds up to tens of milliseconds on a list of hundreds of sources.
const count = new Intl.NumberFormat();

/** "1,234" in the user's locale. */
export function formatCount(value: number): string {
  return count.format(value);
}

/** "1 file", "3 files" — English only for now. */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${count.format(value)} ${value === 1 ? one : many}`;
}
