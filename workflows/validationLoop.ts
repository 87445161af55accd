import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';

const State = Annotation.Root({
  age: Annotation<number>(),
  attempts: Annotation<number>(),
  greeting: Annotation<string>(),
});

/** A whole number of years from 0 to 150, given as a number or a numeric string; undefined otherwise. */
export function parseAge(answer: unknown): number | undefined {
  const age = typeof answer === 'number' ? answer : typeof answer === 'string' && answer.trim() ? Number(answer) : NaN;
  return Number.isInteger(age) && age >= 0 && age <= 150 ? age : undefined;
}

/** askAge asks until the answer is a valid age, each time with a clearer question (a new interrupt). */
export const validationLoopGraph = new StateGraph(State)
  .addNode('askAge', async () => {
    let question = 'How old are you?';
    for (let attempts = 1; ; attempts++) {
      const answer = await interrupt<unknown>({ question, attempt: attempts });
      const age = parseAge(answer);
      if (age !== undefined) return { age, attempts };
      question = `${JSON.stringify(answer)} is not a valid age. Please enter your age in years as a whole number from 0 to 150, e.g. 42.`;
    }
  })
  .addNode('welcome', async (s) => ({ greeting: `Welcome! You are ${s.age} years old.` }))
  .addEdge(START, 'askAge')
  .addEdge('askAge', 'welcome')
  .addEdge('welcome', END)
  .compile();

export const validationLoop = graphWorkflow(validationLoopGraph);
