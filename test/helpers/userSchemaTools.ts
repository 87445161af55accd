// Tools as a user's project writes them, with its own schema imports: zod/mini, zod 4's classic API
// (zod 3.25 serves it at zod/v4) and a library with no zod at all. No casts: the arguments are
// typed from each schema (the @ts-expect-error lines fail the type check if they ever become any).
import * as zm from 'zod/v4-mini';
import { z } from 'zod/v4';
import { tool } from '../../src/workflow';
import { pointSchema } from './pointSchema';

export const convertTemperatureTool = tool({
  name: 'convert_temperature',
  description: 'Convert degrees Celsius to Fahrenheit.',
  schema: zm.object({ celsius: zm.number() }),
  execute: (args) => {
    // @ts-expect-error celsius is a number, not a string
    const asText: string = args.celsius;
    void asText;
    return `${(args.celsius * 9) / 5 + 32} °F`;
  },
});

export const shoutTool = tool({
  name: 'shout',
  description: 'Say something loudly.',
  schema: z.object({ text: z.string().min(1), times: z.number().int().default(1) }),
  execute: (args) => {
    // @ts-expect-error there is no argument named volume
    void args.volume;
    return `${args.text.toUpperCase()}!`.repeat(args.times);
  },
});

export const distanceTool = tool({
  name: 'distance_from_origin',
  description: 'How far a point is from (0, 0).',
  schema: pointSchema,
  execute: ({ x, y }) => Math.hypot(x, y).toString(),
});
