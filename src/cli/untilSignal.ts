/**
 * Resolves with the first SIGINT or SIGTERM. The handlers are removed then, so a second Ctrl-C during
 * a slow shutdown ends the process at once (a server left behind is stopped by the next start).
 */
export function untilSignal(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    // Signal handlers do not keep Node alive; with a remote Temporal nothing else would.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const onSignal = (signal: NodeJS.Signals) => {
      clearInterval(keepAlive);
      for (const s of signals) process.removeListener(s, onSignal);
      resolve(signal);
    };
    for (const s of signals) process.on(s, onSignal);
  });
}
