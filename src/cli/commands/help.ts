import type { Command } from '../command';

export const USAGE = `Usage: durable-graph <command>

Commands:
  start              start the main job (Temporal included unless TEMPORAL_ADDRESS is set); Ctrl-C stops it
  worker             serve the shipped graphs (for a cluster: set TEMPORAL_ADDRESS)
  server             run only the embedded Temporal server (persistent) until Ctrl-C
  install-temporal   find or install the Temporal CLI binary and print its path
  version            print the version (also --version)
  help               print this help (also --help)

Environment:
  TEMPORAL_ADDRESS     use this Temporal server or cluster instead of the embedded one
                       (Temporal Cloud: TEMPORAL_NAMESPACE, TEMPORAL_API_KEY or TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY)
  TEMPORAL_CLI_PATH    the \`temporal\` binary to run the embedded server with
  DURABLE_GRAPH_HOME   state folder: Temporal binary cache and SQLite file (default ./.durable-graph)
  DURABLE_GRAPH_PORT   embedded server port (default 7233; the Web UI uses port + 1000)
`;

export const helpCommand: Command = async () => {
  process.stdout.write(USAGE);
  return 0;
};
