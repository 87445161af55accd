// README examples are copied from tests that run: each line of an example must stand in its test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The first ```ts block after `heading`. */
function exampleAfter(heading: string): string[] {
  const section = readme.slice(readme.indexOf(heading));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`no ts example after ${heading}`);
  return block[1].split('\n').map((l) => l.trim()).filter((l) => l && l !== '// ...');
}

test.each([
  ['## Live streaming', 'test/e2e/liveStream.test.ts'],
  ['### Encryption at rest', 'test/e2e/encryptionAtRest.test.ts'],
])('the example under "%s" is copied from %s', (heading, testFile) => {
  const source = readFileSync(join(root, testFile), 'utf8');
  const lines = exampleAfter(heading);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect({ line, found: source.includes(line) }).toEqual({ line, found: true });
});

test('the governance examples are copied from the graphs they run in', () => {
  const testGraph = readFileSync(join(root, 'test/helpers/testWorkflows.ts'), 'utf8');
  expect(exampleAfter('## Governance').every((line) => testGraph.includes(line))).toBe(true);
  const deadlines = exampleAfter('**Deadlines.**');
  expect(deadlines).toHaveLength(2);
  for (const line of deadlines) expect({ line, found: testGraph.includes(line) }).toEqual({ line, found: true });
  const paymentAgent = readFileSync(join(root, 'workflows/paymentAgent.ts'), 'utf8');
  const policy = exampleAfter("**The shipped payment agent's policy**");
  expect(policy).toHaveLength(2);
  for (const line of policy) expect({ line, found: paymentAgent.includes(line) }).toEqual({ line, found: true });
});
