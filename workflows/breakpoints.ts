import { Annotation, END, graphWorkflow, START, StateGraph } from '../src/workflow';

const State = Annotation.Root({
  log: Annotation<string[], string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

/** a -> b -> c with static breakpoints: before b and after c; each pause is continued with invoke(null). */
export const breakpointsGraph = new StateGraph(State)
  .addNode('a', async () => ({ log: ['a'] }))
  .addNode('b', async () => ({ log: ['b'] }))
  .addNode('c', async () => ({ log: ['c'] }))
  .addEdge(START, 'a')
  .addEdge('a', 'b')
  .addEdge('b', 'c')
  .addEdge('c', END)
  .compile({ interruptBefore: ['b'], interruptAfter: ['c'] });

export const breakpoints = graphWorkflow(breakpointsGraph);
