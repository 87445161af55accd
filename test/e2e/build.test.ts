import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');
let copy: string;
beforeAll(() => {
  // A copy of what a fresh clone builds, so the test neither needs nor disturbs this checkout's dist/.
  copy = mkdtempSync(join(tmpdir(), 'dg-build-'));
  for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'workflows', 'activities']) {
    cpSync(join(repo, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

test('npm run build leaves the bin executable with its shebang, so it runs by itself as npx runs it', () => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: copy, encoding: 'utf8' });
  // stderr in the comparison shows why, should the build fail.
  expect({ status: build.status, stderr: build.status === 0 ? '' : build.stderr }).toEqual({ status: 0, stderr: '' });

  const { bin, version } = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
  const main = join(copy, bin['durable-graph']);
  expect(statSync(main).mode & 0o111).toBe(0o111);
  expect(readFileSync(main, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  const run = spawnSync(main, ['--version'], { encoding: 'utf8' });
  expect(run.stdout).toBe(`${version}\n`);
  expect(run.status).toBe(0);
}, 120_000);

test("the build carries the web inbox's files (checked in, not compiled) to dist/, where the server reads them", () => {
  // The first test built the copy.
  const assets = join('src', 'http', 'inbox', 'assets');
  const files = readdirSync(join(repo, assets)).sort();
  expect(files).toEqual(expect.arrayContaining(['app.js', 'index.html', 'inbox.css']));
  expect(readdirSync(join(copy, 'dist', assets)).sort()).toEqual(files);
  for (const file of files) expect(readFileSync(join(copy, 'dist', assets, file), 'utf8')).toBe(readFileSync(join(repo, assets, file), 'utf8'));
});
