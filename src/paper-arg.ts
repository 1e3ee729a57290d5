/**
 * Commands receive a paper from many places: a string id from the palette,
 * CodeLens or a link, a tree node from a context menu, an object from a
 * webview message. This reads the id from any of them.
 */
export function paperIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'id' in arg && typeof (arg as { id: unknown }).id === 'string') {
    return (arg as { id: string }).id;
  }
  return undefined;
}
