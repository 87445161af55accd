import type { Command } from '../command';
import { resolveTemporalBinary } from '../../server/temporalBinary';

/** Prints the binary's path alone on stdout (how it was found goes to stderr), for scripts such as CI. */
export const installTemporalCommand: Command = async () => {
  const { path, source } = await resolveTemporalBinary();
  console.error(`[durable-graph] Temporal CLI from ${source}`);
  console.log(path);
  return 0;
};
