/** One CLI command: gets the arguments after its name and resolves to the process exit code. */
export type Command = (args: string[]) => Promise<number>;

/** Exit code for a command line we do not understand (the usual `usage` code). */
export const EXIT_USAGE = 2;
