import type { CliCommand } from '../command';
import { EMBEDDED_ENVIRONMENT, ENCRYPTION_ENVIRONMENT, MODEL_ENVIRONMENT, REMOTE_ENVIRONMENT } from '../helpTexts';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'start the main job (Temporal included unless TEMPORAL_ADDRESS is set); Ctrl-C stops it',
  description:
    'The main job: the embedded Temporal server (or TEMPORAL_ADDRESS), a worker serving the shipped graphs, one thread per shipped agent, and an inbox in the terminal to answer what waits. Without a terminal it lists what waits and serves until SIGTERM. Starting again finds the waiting threads.',
  helpAfter: `${MODEL_ENVIRONMENT}${REMOTE_ENVIRONMENT}${EMBEDDED_ENVIRONMENT}${ENCRYPTION_ENVIRONMENT}`,
  // Loaded when run: the worker and the model make up most of the CLI's start-up time, which the other commands need not pay.
  run: async () => (await import('../mainJob')).runMainJob(),
};
