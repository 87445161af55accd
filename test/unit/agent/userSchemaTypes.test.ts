import { join } from 'node:path';
import ts from 'typescript';

// The type half of "tools built with the user's own schema library need no casts": the compiler,
// run on the tools as a user writes them, must find nothing to say.
test("tools whose schemas come from the user's zod/mini, zod 4 or another Standard Schema library type-check without casts", () => {
  const configFile = ts.findConfigFile(__dirname, (file) => ts.sys.fileExists(file))!;
  const { config } = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, join(configFile, '..'));
  const program = ts.createProgram([join(__dirname, '../../helpers/userSchemaTools.ts')], options);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(diagnostics).toEqual([]);
}, 60_000);
