/** The message of an error and of its causes (an ActivityFailure says little by itself). */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const text = describe(e);
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
    if (!(e instanceof Error)) break;
  }
  return parts.join(': ');
}

/** What was thrown, as text: an Error's message, a string as is, anything else as JSON when it has one. */
function describe(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  try {
    return JSON.stringify(thrown) ?? typeof thrown;
  } catch {
    return Object.prototype.toString.call(thrown); // a cycle or a BigInt: at least say what it was
  }
}
