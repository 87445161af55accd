// The web inbox in a real browser (Debian's Chromium through playwright-core), served by the real
// HTTP server over a socket, in front of a worker on the shared Temporal dev server; the scripted
// model stands in for the LLM. People log in with their API keys, as they would.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Payment } from '../../activities';
import { createHttpServer } from '../../src/http';
import { contentText, lastMessage, whenToolResult, whenUserSays, type ScriptedRule } from '../../src/testing';
import { AgentTestEnv, startAgentTest, userSays } from '../helpers/agentTest';
import { testServerAddress } from '../helpers/harness';
import { launchChromium } from './chromium';

const riley = { id: 'riley', name: 'Riley', roles: ['finance', 'operations'] };
const fran = { id: 'fran', name: 'Fran', roles: ['finance'] };
const gus = { id: 'gus', name: 'Gus', roles: ['finance'] };
const KEYS = { riley: 'riley-key-0001', fran: 'fran-key-0001', gus: 'gus-key-0001' };

const INITECH: Payment = { payee: 'Initech', amount: 5000, currency: 'EUR', reference: 'INV-5000' };
const HOOLI: Payment = { payee: 'Hooli', amount: 25_000, currency: 'EUR', reference: 'INV-25000' };
const GLOBEX: Payment = { payee: 'Globex', amount: 7500, currency: 'USD', reference: 'INV-GLOBEX' };
const ADA = { to: 'ada@example.com', subject: 'Launch', body: 'We launch on Monday.' };

function pays(phrase: string, payment: Payment): ScriptedRule {
  return whenUserSays(phrase, { toolCalls: [{ name: 'pay', args: { ...payment } }] });
}

/**
 * The README shows this picture of the inbox: `UPDATE_SCREENSHOT=1 npx jest test/browser` remakes it
 * (other runs take it into a temporary folder, so that a test run leaves the tree as it was).
 */
const SCREENSHOT = process.env.UPDATE_SCREENSHOT === '1' ? join(__dirname, '..', '..', 'docs', 'inbox.png') : join(tmpdir(), `durable-graph-inbox-${process.pid}.png`);

let env: AgentTestEnv;
let server: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [env, browser] = await Promise.all([
    startAgentTest({
      rules: [
        pays('Pay Initech', INITECH),
        pays('Pay Hooli', HOOLI),
        pays('Pay Globex', GLOBEX),
        whenUserSays('Email Ada', { toolCalls: [{ name: 'send_email', args: { ...ADA } }] }),
        whenToolResult('pay', (request) => {
          const last = lastMessage(request);
          return { content: `Payment result: ${last?.role === 'tool' ? contentText(last.content) : '?'}` };
        }),
        whenToolResult('send_email', () => ({ content: 'Email sent.' })),
      ],
    }),
    launchChromium(),
  ]);
  server = createHttpServer({
    client: env.client,
    graphs: ['paymentAgent', 'editablePaymentAgent', 'emailAgent', 'approvalGate'],
    apiKeys: new Map([
      [KEYS.riley, riley],
      [KEYS.fran, fran],
      [KEYS.gus, gus],
    ]),
    logRefusal: () => {},
  });
  url = await server.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** Riley starts a thread of `graph` (as the requester), which waits for an answer. */
async function requestPayment(graph: string, phrase: string | null) {
  const threadId = env.threadId('inbox');
  const config = env.config(threadId);
  const paused = await env.client.withIdentity(riley).graph(graph).invoke(phrase === null ? {} : userSays(phrase), config);
  return { threadId, config, interruptId: paused.__interrupt__![0].id! };
}

/** A browser tab logged in to the inbox with `key`. */
async function openInbox(key: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  contexts.push(context);
  // Everything here happens within seconds; a failing wait should say so before jest's timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${url}/inbox`);
  // Nothing of the inbox shows before a key is given.
  expect(await page.getByRole('table').isHidden()).toBe(true);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Signed in as').waitFor();
  return page;
}

/** `durable-graph approve <thread> --id <interrupt> --as <who>`, as a child process against the test server. */
function approveFromCli(threadId: string, interruptId: string, who: string): Promise<{ status: number | null; stderr: string }> {
  const main = join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
  const childEnv = { ...process.env, TEMPORAL_ADDRESS: testServerAddress(), TEMPORAL_NAMESPACE: 'default' };
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', main, 'approve', threadId, '--id', interruptId, '--as', who], { env: childEnv });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stderr })));
}

const rowOf = (page: Page, threadId: string) => page.locator(`#requests tbody tr[data-key^="${threadId}/"]`);

/** Opens a thread's request; the detail region it shows (titled with the tool's name, or as a question). */
async function openRequest(page: Page, threadId: string, about = 'pay') {
  await rowOf(page, threadId).getByRole('button').click();
  const detail = page.getByRole('region', { name: `${about} on ${threadId}` });
  await detail.waitFor();
  return detail;
}

test('a finance approver opens the inbox, sees the waiting payment, edits the amount, approves, and sees the thread finish', async () => {
  const { threadId } = await requestPayment('editablePaymentAgent', 'Pay Initech');
  // A second payment waits too (two approvers above 10,000), so the list has more than one row.
  const hooli = await requestPayment('paymentAgent', 'Pay Hooli');

  const page = await openInbox(KEYS.fran);
  const row = rowOf(page, threadId);
  await row.waitFor();
  const cells = await row.locator('th, td').allInnerTexts();
  expect(cells).toEqual([
    'editablePaymentAgent',
    expect.stringMatching(/^pay\(payee: Initech, amount: 5000, currency: EUR, reference: INV-5000\)\s*for you$/),
    // Who asked, with the name the audit log records.
    'Riley (riley)',
    expect.stringMatching(/^\d+ (s|min)$/),
    '—',
    'role finance, not the requester (riley)',
  ]);
  expect(await rowOf(page, hooli.threadId).locator('td').last().innerText()).toBe('role finance, not the requester (riley), 2 approvals');

  const detail = await openRequest(page, threadId);
  await detail.getByText('Pay 5000 EUR to Initech? A finance approver may lower the amount.').waitFor();
  // Keyboard and screen reader users land on the request they opened.
  expect(await page.evaluate('document.activeElement.id')).toBe('detail');
  // The request allows approve, edit and reject: those three, nothing else.
  expect(await detail.getByRole('group', { name: 'Answers' }).getByRole('button').allInnerTexts()).toEqual(['Approve', 'Edit and approve', 'Reject']);

  await detail.getByRole('button', { name: 'Edit and approve' }).click();
  expect(await detail.getByRole('button', { name: 'Edit and approve' }).getAttribute('aria-expanded')).toBe('true');
  // Only the form asked for opens (the reject form stays closed).
  expect(await detail.getByLabel('Reason (optional, the agent reads it)').isHidden()).toBe(true);
  // The edit form comes from the tool's JSON Schema: a number field for the amount, prefilled.
  const amount = detail.getByLabel('amount');
  expect(await amount.getAttribute('type')).toBe('number');
  expect(await amount.inputValue()).toBe('5000');
  expect(await detail.getByLabel('currency').getAttribute('pattern')).toBe('^[A-Z]{3}$');
  await amount.fill('4500');
  await detail.locator('.timeline li').first().waitFor();
  mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  await detail.getByRole('button', { name: 'Approve with these arguments' }).click();
  await detail.getByText('Answer sent. The thread finished: Payment result: paid 4500 EUR to Initech (reference INV-5000)').waitFor();
  expect(env.effects(threadId).map((e) => e.details)).toEqual([{ ...INITECH, amount: 4500 }]);
  // The audit timeline shows who asked and who answered how; the request leaves the list.
  await detail.locator('.timeline li', { hasText: 'Fran (fran) answered: edit' }).waitFor();
  expect(await detail.locator('.timeline li').first().innerText()).toContain('Riley (riley) sent input');
  await row.waitFor({ state: 'detached' });
});

test('the requester sees no approve button on their own payment, and a direct POST of the answer is refused 403', async () => {
  const { threadId, config, interruptId } = await requestPayment('paymentAgent', 'Pay Initech');
  const page = await openInbox(KEYS.riley);
  const row = rowOf(page, threadId);
  await row.waitFor();
  expect(await row.locator('.badge').count()).toBe(0);

  const detail = await openRequest(page, threadId);
  await detail.getByText('You may not answer: the requester (riley) may not answer it (notRequester).').waitFor();
  expect(await detail.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  expect(await detail.getByRole('group', { name: 'Answers' }).count()).toBe(0);

  // "For me" hides what Riley may not answer.
  await page.getByLabel('For me').check();
  await row.waitFor({ state: 'detached' });
  await page.getByLabel('For me').uncheck();
  await row.waitFor();

  // The answer the page does not offer, sent by hand from the same page, is refused by the thread.
  const refused = await page.evaluate(
    async ({ threadId, interruptId, key }) => {
      const response = await fetch(`/threads/${threadId}/runs/wait`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ assistant_id: 'paymentAgent', command: { resume: { [interruptId]: { type: 'accept', args: null } } } }),
      });
      return { status: response.status, body: await response.json() };
    },
    { threadId, interruptId, key: KEYS.riley },
  );
  expect(refused).toEqual({ status: 403, body: { code: 'NOT_AUTHORIZED', message: expect.stringContaining('the requester (riley) may not answer it') } });
  expect((await env.client.graph('paymentAgent').getState(config)).status).toBe('interrupted');
  expect(env.effects(threadId)).toEqual([]);
});

test('a request answered elsewhere leaves the open page within seconds, and the page says so', async () => {
  const { threadId, interruptId } = await requestPayment('paymentAgent', 'Pay Globex');
  const page = await openInbox(KEYS.fran);
  const row = rowOf(page, threadId);
  await row.waitFor();
  const detail = await openRequest(page, threadId);
  await detail.getByRole('button', { name: 'Approve' }).waitFor();

  // Gus approves from the command line, as an operator would, not through this page.
  const approved = await approveFromCli(threadId, interruptId, 'gus:finance');
  expect(approved).toMatchObject({ status: 0, stderr: '' });
  const answeredAt = Date.now();
  await row.waitFor({ state: 'detached', timeout: 5000 });
  const tookMs = Date.now() - answeredAt;
  expect(tookMs).toBeLessThan(5000);
  await detail.getByText('This request was answered elsewhere; it waits no longer.').waitFor();
  expect(await detail.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  expect(await page.getByRole('status').first().innerText()).toMatch(/1 answered/);
  expect(env.effects(threadId).map((e) => e.details)).toEqual([GLOBEX]);
});

test("an agent-inbox request is edited in a form made from the tool's schema and sent as an edit", async () => {
  const { threadId } = await requestPayment('emailAgent', 'Email Ada');
  const page = await openInbox(KEYS.fran);
  const detail = await openRequest(page, threadId, 'send_email');
  expect(await detail.getByRole('group', { name: 'Answers' }).getByRole('button').allInnerTexts()).toEqual(['Approve', 'Edit and approve', 'Respond instead', 'Ignore']);
  await detail.getByRole('button', { name: 'Edit and approve' }).click();
  const to = detail.getByLabel('to (required)', { exact: true });
  expect(await to.getAttribute('type')).toBe('email');
  // The schema's description is the field's hint, tied to it for screen readers.
  expect(await detail.locator(`#${await to.getAttribute('aria-describedby')}`).innerText()).toBe('Recipient address');
  await detail.getByLabel('subject').fill('Launch moved');
  await detail.getByRole('button', { name: 'Approve with these arguments' }).click();
  await detail.getByText('Answer sent. The thread finished: Email sent.').waitFor();
  expect(env.effects(threadId).map((e) => [e.action, e.details])).toEqual([['sendEmail', { ...ADA, subject: 'Launch moved' }]]);
});

test('a plain interrupt(value) shows its value and takes a typed answer', async () => {
  const { threadId, config } = await requestPayment('approvalGate', null);
  const page = await openInbox(KEYS.fran);
  const row = rowOf(page, threadId);
  await row.waitFor();
  expect(await row.getByRole('button').innerText()).toBe('Approve this action?');
  const detail = await openRequest(page, threadId, 'Question');
  expect(JSON.parse(await detail.locator('pre.value').innerText())).toEqual({ question: 'Approve this action?', planned_action: 'Delete 1,432 inactive user accounts' });
  // Not JSON, so sent as the text itself.
  await detail.getByLabel('Your answer (JSON, or plain text)').fill('approve');
  await detail.getByRole('button', { name: 'Send answer' }).click();
  await detail.getByText('Answer sent. The thread finished.').waitFor();
  expect((await env.client.graph('approvalGate').getState(config)).values).toMatchObject({ approved: true });
});

test('a link with the key in its fragment logs in at once and leaves no key in the address bar', async () => {
  const context = await browser.newContext();
  contexts.push(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${url}/inbox#key=${encodeURIComponent(KEYS.fran)}`);
  await page.getByText('Signed in as').waitFor();
  expect(new URL(page.url()).hash).toBe('');
  expect(await page.getByRole('table').isVisible()).toBe(true);
});
