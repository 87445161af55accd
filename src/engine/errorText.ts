/** The message of an error and of its causes (an ActivityFailure says little by itself). */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const text = e instanceof Error ? e.message : String(e);
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
    if (!(e instanceof Error)) break;
  }
  return parts.join(': ');
}
