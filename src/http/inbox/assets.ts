// The inbox page's files, checked in as they are served (no build step): read once from the assets
// folder beside this file (dist/ gets a copy at `npm run build`), served by name only, so no path
// can reach outside the folder.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** One file of the page. */
export interface Asset {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The folder the inbox's files are in. */
export const ASSETS_DIR = join(__dirname, 'assets');

/** Every servable file of `dir`, by file name. */
export function loadAssets(dir = ASSETS_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const contentType = CONTENT_TYPES[extname(entry.name)];
    if (entry.isFile() && contentType) assets.set(entry.name, { body: readFileSync(join(dir, entry.name)), contentType });
  }
  if (!assets.has('index.html')) throw new Error(`The web inbox's files are missing: no index.html in ${dir} (npm run build copies them to dist/)`);
  return assets;
}
