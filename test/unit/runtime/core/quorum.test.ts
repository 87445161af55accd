// A quorum of distinct identities (API.md "Identity and who may answer"): answers collect until n
// have approved; a deciding answer answers at once; a restarting one (an edit) starts the count again.
import type { Identity } from '../../../../src/engine/identity';
import { deliverAnswers, interruptRaised, type Vote } from '../../../../src/runtime/core/steps';
import { isBlocked } from '../../../../src/runtime/core/view';
import { afterInput, askingGraph, deepFreeze, NOW, runStep, startNext, taskOf, viewOf } from './threadFixtures';

const graph = askingGraph();
const fran: Identity = { id: 'fran', roles: ['finance'] };
const gus: Identity = { id: 'gus', roles: ['finance'] };
const hal: Identity = { id: 'hal', roles: ['finance'] };

async function asked(quorum: number) {
  const running = startNext(graph, await runStep(graph, await afterInput(graph, {})));
  const { state, id } = interruptRaised(viewOf(graph, running), taskOf(running, 'ask').id, 'pay?', true, { raisedAt: NOW, approvers: { roles: ['finance'], quorum } });
  return { state: deepFreeze(state), id };
}

const votes: Record<string, Vote> = { ok: 'approve', no: 'decide', changed: 'restart' };
const tally = (_id: string, answer: unknown) => votes[answer as string];

test('answers collect until the quorum; then the node gets every one of them, in order', async () => {
  const { state, id } = await asked(2);
  const one = deliverAnswers(state, { [id]: 'ok' }, fran, NOW, tally);
  expect(isBlocked(taskOf(one, 'ask'))).toBe(true);
  expect(taskOf(one, 'ask').pending[0].approvals).toEqual([{ by: fran, value: 'ok', at: NOW }]);
  expect(one.data.answered).not.toContain(id);
  const two = deliverAnswers(one, { [id]: 'ok' }, gus, NOW, tally);
  expect(taskOf(two, 'ask').answers[id]).toEqual([
    { by: fran, value: 'ok', at: NOW },
    { by: gus, value: 'ok', at: NOW },
  ]);
  expect(two.data.answered).toContain(id);
});

test('a deciding answer answers at once, whatever the count', async () => {
  const { state, id } = await asked(3);
  const one = deliverAnswers(state, { [id]: 'ok' }, fran, NOW, tally);
  const decided = deliverAnswers(one, { [id]: 'no' }, gus, NOW, tally);
  expect(taskOf(decided, 'ask').answers[id]).toEqual([
    { by: fran, value: 'ok', at: NOW },
    { by: gus, value: 'no', at: NOW },
  ]);
});

test('a restarting answer drops the approvals before it and counts as the first of the new count', async () => {
  const { state, id } = await asked(2);
  const one = deliverAnswers(state, { [id]: 'ok' }, fran, NOW, tally);
  const restarted = deliverAnswers(one, { [id]: 'changed' }, gus, NOW, tally);
  expect(taskOf(restarted, 'ask').pending[0].approvals).toEqual([{ by: gus, value: 'changed', at: NOW }]);
  const done = deliverAnswers(restarted, { [id]: 'ok' }, hal, NOW, tally);
  expect(taskOf(done, 'ask').answers[id]).toEqual([
    { by: gus, value: 'changed', at: NOW },
    { by: hal, value: 'ok', at: NOW },
  ]);
});

test('with a quorum of 1 the answer itself is delivered, as without approvers', async () => {
  const { state, id } = await asked(1);
  expect(taskOf(deliverAnswers(state, { [id]: 'ok' }, fran, NOW, tally), 'ask').answers[id]).toBe('ok');
});
