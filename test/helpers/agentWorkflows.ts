// Agents that exist for tests only: createReactAgent options the shipped agents do not use.
import { createReactAgent, graphWorkflow } from '../../src/workflow';
import { searchWebTool, sendEmailTool } from '../../workflows/emailAgent';
import { convertTemperatureTool, distanceTool, shoutTool } from './userSchemaTools';

/** The email agent's tools with a static breakpoint before every tool step (send_email still asks). */
export const breakpointAgent = graphWorkflow(
  createReactAgent({
    tools: [searchWebTool, sendEmailTool],
    approval: { send_email: 'always' },
    interruptBefore: ['tools'],
  }),
);


/** Tools whose schemas the user's project built, with zod/mini, zod 4 and a library of its own. */
export const userSchemaAgent = graphWorkflow(createReactAgent({ tools: [convertTemperatureTool, shoutTool, distanceTool] }));
