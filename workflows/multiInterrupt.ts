import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';

const State = Annotation.Root({
  /** 'contact': one node asks twice in a row; 'signoff': two parallel reviewers wait together. */
  mode: Annotation<'contact' | 'signoff'>(),
  name: Annotation<string>(),
  email: Annotation<string>(),
  legal: Annotation<string>(),
  finance: Annotation<string>(),
  log: Annotation<string[], string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

/**
 * Several interrupts at once. contactDetails asks for a name, then an email (answered in order);
 * legalReview and financeReview run in parallel, each waiting for its own answer, and finalize joins
 * them once both are answered.
 */
export const multiInterruptGraph = new StateGraph(State)
  .addNode('contactDetails', async () => {
    const name = await interrupt<string>({ question: 'What is your name?' });
    const email = await interrupt<string>({ question: `Thanks ${name}. What is your email address?` });
    return { name, email, log: ['contactDetails'] };
  })
  .addNode('legalReview', async () => ({ legal: await interrupt<string>({ reviewer: 'legal', question: 'Sign off the contract?' }), log: ['legalReview'] }))
  .addNode('financeReview', async () => ({ finance: await interrupt<string>({ reviewer: 'finance', question: 'Sign off the budget?' }), log: ['financeReview'] }))
  .addNode('finalize', async (s) => ({ log: [`finalize: legal ${s.legal}, finance ${s.finance}`] }))
  .addConditionalEdges(START, (s) => (s.mode === 'signoff' ? ['legalReview', 'financeReview'] : 'contactDetails'), [
    'contactDetails',
    'legalReview',
    'financeReview',
  ])
  .addEdge('contactDetails', END)
  .addEdge(['legalReview', 'financeReview'], 'finalize')
  .addEdge('finalize', END)
  .compile();

export const multiInterrupt = graphWorkflow(multiInterruptGraph);
