import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { COMMANDS } from '../../../src/cli/program';
import * as temporalTransport from '../../../src/cli/temporalTransport';
import * as resolveTemporalModule from '../../../src/server/resolveTemporal';
import { StateFolderInUseError } from '../../../src/server/stateFolderLock';
import * as temporalBinary from '../../../src/server/temporalBinary';
import { TemporalNotFoundError } from '../../../src/server/temporalBinary';

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = '';
  stderr = '';
  // Commander writes to the streams; the commands use console.
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  jest.spyOn(console, 'log').mockImplementation((...args) => void (stdout += `${args.join(' ')}\n`));
  jest.spyOn(console, 'error').mockImplementation((...args) => void (stderr += `${args.join(' ')}\n`));
});
afterEach(() => jest.restoreAllMocks());

/** Spies on every way a command could start something: Temporal (embedded or not) or the binary resolver. */
function spyOnStarts(): jest.SpyInstance[] {
  return [jest.spyOn(resolveTemporalModule, 'resolveTemporal'), jest.spyOn(temporalBinary, 'resolveTemporalBinary')];
}

const names = COMMANDS.map((c) => c.name);

const OPERATOR_COMMANDS = ['threads', 'show', 'approve', 'reject', 'edit', 'respond', 'ignore', 'resume', 'state', 'history', 'update-state', 'audit'];

test("the commands are the jobs (start, serve, worker, server, setup-namespace), API.md's operator commands, install-temporal, codec-server and version, plus help", () => {
  expect(names).toEqual(['start', 'serve', 'worker', 'server', 'setup-namespace', ...OPERATOR_COMMANDS, 'install-temporal', 'codec-server', 'version']);
});

test.each(OPERATOR_COMMANDS)('%s --help shows examples, --as, --json, --url, --api-key, the identity variable and the exit codes', async (name) => {
  expect(await main([name, '--help'])).toBe(0);
  expect(stdout).toContain(`Examples:\n  $ durable-graph ${name}`);
  expect(stdout).toContain('--as <identity>');
  expect(stdout).toMatch(/\(env:\s+DURABLE_GRAPH_IDENTITY\)/);
  expect(stdout).toContain('--json');
  expect(stdout).toContain('--url <url>');
  expect(stdout).toContain('--api-key <key>');
  expect(stdout).toContain('Exit codes: 0 ok, 1 refused (the error code is printed), 2 usage, 3 Temporal unavailable.');
});

test.each([
  [['approve'], "missing required argument 'thread'"],
  [['approve', 't', '--args', '{}'], "unknown option '--args'"],
  [['edit', 't'], "required option '--args <json>' not specified"],
  [['edit', 't', '--args', '[1]'], '--args must be a JSON object'],
  [['respond', 't'], "required option '--message <text>' not specified"],
  [['resume', 't', '--value', 'approve'], '--value must be JSON'],
  [['threads', '--status', 'waiting'], "argument 'waiting' is invalid. Allowed choices are running, interrupted, idle, error"],
  [['threads', '--waiting-longer-than', 'soon'], '--waiting-longer-than must be a duration'],
  [['history', 't', '--limit', '0'], '--limit must be a whole number of at least 1'],
  [['update-state', 't', '--values', 'x'], '--values must be JSON'],
  [['state', 't', '--as', 'system'], 'the id "system" is reserved'],
])('%j is a usage error (exit 2) that connects to nothing: %s', async (argv, message) => {
  const connect = jest.spyOn(temporalTransport, 'connectTemporalTransport');
  expect(await main(argv)).toBe(2);
  expect(stderr).toContain(message);
  expect(connect).not.toHaveBeenCalled();
});

test.each(names)('%s --help prints its usage and description and exits 0 without starting anything', async (name) => {
  const starts = spyOnStarts();
  expect(await main([name, '--help'])).toBe(0);
  // Positional arguments follow the options, as `audit [options] <thread>`.
  expect(stdout).toMatch(new RegExp(`^Usage: durable-graph ${name} \\[options\\]( <\\w+>)*\\n`));
  expect(stdout).toContain(COMMANDS.find((c) => c.name === name)!.description.slice(0, 30));
  expect(stderr).toBe('');
  for (const start of starts) expect(start).not.toHaveBeenCalled();
});

test.each(names.map((name) => [name, name]))('help %s prints the same as %s --help', async (name) => {
  const starts = spyOnStarts();
  expect(await main([name, '--help'])).toBe(0);
  const viaOption = stdout;
  stdout = '';
  expect(await main(['help', name])).toBe(0);
  expect(stdout).toBe(viaOption);
  for (const start of starts) expect(start).not.toHaveBeenCalled();
});

test('-h works like --help', async () => {
  expect(await main(['worker', '-h'])).toBe(0);
  expect(stdout).toMatch(/^Usage: durable-graph worker/);
});

test('no command, help and --help list every command with its summary and the exit codes, and exit 0', async () => {
  for (const argv of [[], ['help'], ['--help']]) {
    stdout = '';
    expect(await main(argv)).toBe(0);
    expect(stdout).toMatch(/^Usage: durable-graph <command> \[options\]/);
    for (const command of COMMANDS) expect(stdout).toContain(command.name);
    expect(stdout).toContain('Exit codes: 0 ok, 1 refused (the error code is printed), 2 usage, 3 Temporal unavailable.');
  }
});

test('an unknown command exits 2 with the error and the help on stderr, suggesting a near name', async () => {
  expect(await main(['strat'])).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain("durable-graph: unknown command 'strat'");
  expect(stderr).toContain('(Did you mean start?)');
  expect(stderr).toContain('Usage: durable-graph <command>');
});

test('help for an unknown command exits 2', async () => {
  expect(await main(['help', 'frobnicate'])).toBe(2);
  expect(stderr).toContain("durable-graph: unknown command 'frobnicate'");
});

test('an unknown option or an extra argument exits 2 without starting anything', async () => {
  const starts = spyOnStarts();
  expect(await main(['start', '--bogus'])).toBe(2);
  expect(stderr).toContain("unknown option '--bogus'");
  expect(await main(['server', 'now'])).toBe(2);
  expect(stderr).toContain("too many arguments for 'server'");
  for (const start of starts) expect(start).not.toHaveBeenCalled();
});

test('--version, -v and version print the version; version --json prints it as JSON', async () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
  for (const argv of [['--version'], ['-v'], ['version']]) {
    stdout = '';
    expect(await main(argv)).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  }
  stdout = '';
  expect(await main(['version', '--json'])).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ version });
});

test('install-temporal prints only the binary path on stdout, or path and source with --json', async () => {
  jest.spyOn(temporalBinary, 'resolveTemporalBinary').mockResolvedValue({ path: '/opt/temporal', source: 'PATH' });
  expect(await main(['install-temporal'])).toBe(0);
  expect(stdout).toBe('/opt/temporal\n');
  stdout = '';
  expect(await main(['install-temporal', '--json'])).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ path: '/opt/temporal', source: 'PATH' });
});

test('a refusal exits 1 and prints the command, the error code and the message', async () => {
  const owner = { pid: 4242, job: 'durable-graph start', server: { pid: 4243, address: '127.0.0.1:7233' } };
  jest.spyOn(resolveTemporalModule, 'resolveTemporal').mockRejectedValue(new StateFolderInUseError('/x/.durable-graph', owner));
  expect(await main(['server'])).toBe(1);
  expect(stderr).toContain('durable-graph server: STATE_FOLDER_IN_USE: the state folder /x/.durable-graph is in use by pid 4242');
});

test('no Temporal binary to be found or installed exits 3', async () => {
  jest.spyOn(temporalBinary, 'resolveTemporalBinary').mockRejectedValue(new TemporalNotFoundError(['PATH']));
  expect(await main(['install-temporal'])).toBe(3);
  expect(stderr).toContain('durable-graph install-temporal: TEMPORAL_NOT_FOUND: No Temporal server is available.');
});

test('codec-server without DURABLE_GRAPH_ENCRYPTION_KEYS exits 1 naming the variable; a bad --port exits 2', async () => {
  const saved = process.env.DURABLE_GRAPH_ENCRYPTION_KEYS;
  delete process.env.DURABLE_GRAPH_ENCRYPTION_KEYS;
  try {
    expect(await main(['codec-server', '--port', '0'])).toBe(1);
    expect(stderr).toContain('durable-graph codec-server: INVALID_ENCRYPTION_KEYS: DURABLE_GRAPH_ENCRYPTION_KEYS is not set');
    process.env.DURABLE_GRAPH_ENCRYPTION_KEYS = '{"currentKeyId": "k1"';
    stderr = '';
    expect(await main(['codec-server', '--port', '0'])).toBe(1);
    expect(stderr).toContain('INVALID_ENCRYPTION_KEYS: DURABLE_GRAPH_ENCRYPTION_KEYS is not JSON');
  } finally {
    if (saved === undefined) delete process.env.DURABLE_GRAPH_ENCRYPTION_KEYS;
    else process.env.DURABLE_GRAPH_ENCRYPTION_KEYS = saved;
  }
  expect(await main(['codec-server', '--port', 'eighty'])).toBe(2);
  expect(stderr).toContain("option '--port <port>' argument 'eighty' is invalid");
});
