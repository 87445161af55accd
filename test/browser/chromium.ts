// The browser the inbox tests drive: the system's Chromium (Debian's package; playwright-core's own
// browser downloads are not used), found where distributions put it or at CHROMIUM_PATH.
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { isExecutable } from '../../src/server/temporalBinary';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
const PLACES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** The Chromium binary: CHROMIUM_PATH, else the usual places, else one on PATH; a clear error when none is there. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, places: readonly string[] = PLACES): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is ${fromEnv}, which is not an executable file`);
  }
  const onPath = (env.PATH ?? '').split(delimiter).flatMap((dir) => NAMES.map((name) => join(dir, name)));
  const found = [...places, ...onPath].find(isExecutable);
  if (found) return found;
  throw new Error(
    'The browser tests need Chromium and found none (looked at ' +
      `${places.join(', ')} and for ${NAMES.join(', ')} on PATH). Install Debian's package (apt-get install chromium; .ci/run does in CI) or set CHROMIUM_PATH.`,
  );
}

/** A headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true });
}
