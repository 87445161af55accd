import type { Command } from '../command';
import { packageVersion } from '../packageVersion';

export const versionCommand: Command = async () => {
  console.log(packageVersion());
  return 0;
};
