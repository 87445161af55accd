// Agents that exist for tests only: createReactAgent options the shipped agents do not use.
import { createReactAgent, graphWorkflow } from '../../src/workflow';
import { searchWebTool, sendEmailTool } from '../../workflows/emailAgent';

/** The email agent's tools with a static breakpoint before every tool step (send_email still asks). */
export const breakpointAgent = graphWorkflow(
  createReactAgent({
    tools: [searchWebTool, sendEmailTool],
    approval: { send_email: 'always' },
    interruptBefore: ['tools'],
  }),
);

