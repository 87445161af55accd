import { proxyActivities } from '@temporalio/workflow';
import { Annotation, END, graphWorkflow, interrupt, START, StateGraph } from '../src/workflow';
import type { ShippedActivities } from '../activities';

const { publishDocument } = proxyActivities<ShippedActivities>({ startToCloseTimeout: '1 minute' });

const State = Annotation.Root({
  title: Annotation<string>(),
  draft: Annotation<string>(),
  published: Annotation<string>(),
});

/** generate a draft -> a human returns the text to keep (edited or not) -> publish that text. */
export const reviewAndEditGraph = new StateGraph(State)
  .addNode('generate', async (s) => ({ draft: `${s.title}\n\nWe are happy to announce ${s.title.toLowerCase()}. More soon.` }))
  .addNode('review', async (s) => {
    const edited = await interrupt<string>(
      { instruction: 'Edit the draft and send back the text to publish', draft: s.draft },
      { validate: (answer) => (typeof answer === 'string' && answer.trim() ? undefined : 'send the edited draft as a non-empty string') },
    );
    return { draft: edited };
  })
  .addNode('publish', async (s) => ({ published: await publishDocument({ title: s.title, text: s.draft }) }))
  .addEdge(START, 'generate')
  .addEdge('generate', 'review')
  .addEdge('review', 'publish')
  .addEdge('publish', END)
  .compile();

export const reviewAndEdit = graphWorkflow(reviewAndEditGraph);
