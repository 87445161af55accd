// The shipped docker-compose.yml, checked without a Docker engine: the compose tool validates it
// (Debian's docker-compose package; .ci/run installs it in CI), and its pins match what the test
// suite runs on. The Dockerfile's stages are checked by scripts/check-dockerfile.sh (also in .ci/run).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTemporalBinary } from '../../src/server/temporalBinary';

const repo = join(__dirname, '..', '..');
const composeFile = join(repo, 'docker-compose.yml');
const compose = readFileSync(composeFile, 'utf8');
const hasDockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;

/** The tag of every `image: name:tag` in the file, by image name. */
function pins(): Map<string, string> {
  return new Map([...compose.matchAll(/^\s*image:\s*(\S+):(\S+)\s*$/gm)].map(([, name, tag]) => [name, tag]));
}

// Skipped only where the tool is not installed: .ci/run installs it, so CI never skips.
(hasDockerCompose ? test : test.skip)('docker-compose config accepts the file', () => {
  const run = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], { cwd: repo, encoding: 'utf8', env: { ...process.env, OPENAI_API_KEY: '' } });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
});

test('Temporal runs as temporalio/server with the admin tools of the same version, not the deprecated auto-setup image', () => {
  const images = pins();
  expect(images.has('temporalio/auto-setup')).toBe(false);
  expect(images.get('temporalio/server')).toBeDefined();
  expect(images.get('temporalio/admin-tools')).toBe(images.get('temporalio/server'));
  // Both databases get their schema: the default store and SQL visibility.
  expect(compose).toContain('temporal:temporal visibility:temporal_visibility');
});

test('the pinned server and UI are the versions the test suite runs on (the embedded dev server)', async () => {
  const { path } = await resolveTemporalBinary({ log: () => undefined });
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout; // "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)"
  const [, server, ui] = /Server (\S+), UI ([^)\s]+)/.exec(version) ?? [];
  expect(pins().get('temporalio/server')).toBe(server);
  expect(pins().get('temporalio/ui')).toBe(ui);
});

test('the server gets the dynamic config that turns on update-with-start, and the worker waits for setup-namespace', () => {
  const [, file] = /DYNAMIC_CONFIG_FILE_PATH:\s*config\/dynamicconfig\/(\S+)/.exec(compose) ?? [];
  expect(compose).toContain('./deploy/dynamicconfig:/etc/temporal/config/dynamicconfig');
  const dynamicConfig = join(repo, 'deploy', 'dynamicconfig', file);
  expect(existsSync(dynamicConfig)).toBe(true);
  expect(readFileSync(dynamicConfig, 'utf8')).toMatch(/^frontend\.enableExecuteMultiOperation:\n {2}- value: true$/m);
  expect(compose).toMatch(/node dist\/src\/cli\/main\.js setup-namespace/);
  expect(compose).toMatch(/worker:[\s\S]*depends_on:\s*durable-graph-setup:\s*condition: service_completed_successfully/);
});
