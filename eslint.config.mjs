// @ts-check
// Lint: typescript-eslint's recommended rules (type-aware), no import cycles, and the one-way layers
// of the code (issue 7; the README draws them). A layer may import only what LAYERS lists for it;
// workflow-side code also imports no Node module and no Node-only package (the workflow sandbox).
// Tests and the benchmark may import anything, except that their workflow files obey the workflow rules.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/**
 * What each folder (or file) of ours may import, lowest layer first. Every folder not listed for a
 * layer is off limits to it; `only` narrows a folder to the files named (for example `client/` sees
 * just `runtime/protocol.ts`). The order is the architecture: nothing low imports anything high.
 */
const LAYERS = [
  // Pure vocabulary, write merging, planner, inline runs, CompiledGraph.
  { layer: 'src/engine', may: [] },
  // The builder users touch.
  { layer: 'src/graph', may: ['src/engine'] },
  // The thread core and its Temporal shell; of the builder, only the message types.
  { layer: 'src/runtime', may: ['src/engine', { from: 'src/graph', only: ['messages.ts'] }] },
  // The model call: workflow-safe types beside the Node-side activity.
  { layer: 'src/llm', may: ['src/engine', 'src/graph', 'src/runtime'] },
  // The tool-calling agent (workflow side): of the model call, only its types.
  { layer: 'src/agent', may: ['src/engine', 'src/graph', 'src/runtime', { from: 'src/llm', only: ['types.ts'] }] },
  // Outside the workflow: only the messages client and workflow share.
  {
    layer: 'src/client',
    may: ['src/engine', 'src/graph', 'src/agent', { from: 'src/runtime', only: ['protocol.ts', 'duration.ts', 'operatorAnswer.ts'] }, { from: 'src/llm', only: ['types.ts'] }],
  },
  // Three siblings that know nothing of each other.
  { layer: 'src/worker', may: ['src/engine', 'src/graph', 'src/runtime', 'src/llm', 'src/agent', 'src/client'] },
  { layer: 'src/server', may: ['src/engine', 'src/graph', 'src/runtime', 'src/llm', 'src/agent', 'src/client'] },
  { layer: 'src/testing', may: ['src/engine', 'src/graph', 'src/runtime', 'src/llm', 'src/agent', 'src/client'] },
  // The Agent Server API and the inbox (to come), then the command line on top of everything.
  {
    layer: 'src/http',
    may: ['src/engine', 'src/graph', 'src/runtime', 'src/llm', 'src/agent', 'src/client', 'src/worker', 'src/server', 'src/testing'],
  },
  {
    layer: 'src/cli',
    may: [
      'src/engine', 'src/graph', 'src/runtime', 'src/llm', 'src/agent', 'src/client', 'src/worker', 'src/server',
      'src/testing', 'src/http', 'activities', 'workflows',
    ],
  },
  // Package entry points: the workflow-side one and the Node-side one.
  { layer: 'src/workflow.ts', may: ['src/engine', 'src/graph', 'src/runtime', 'src/agent', { from: 'src/llm', only: ['types.ts'] }] },
  {
    layer: 'src/index.ts',
    may: ['src/engine', 'src/graph', 'src/runtime', 'src/llm', 'src/agent', 'src/client', 'src/worker', 'src/server', 'src/testing', 'src/http'],
  },
  // The shipped tools (Node side) and the shipped graphs (workflow side; activities as types only, below).
  { layer: 'activities', may: ['src/engine', 'src/graph', 'src/llm', 'src/agent'] },
  {
    layer: 'workflows',
    may: ['src/workflow.ts', 'src/engine', 'src/graph', 'src/runtime', 'src/agent', { from: 'src/llm', only: ['types.ts'] }, 'activities'],
  },
];

/** Test and benchmark workflows: bundled like workflows/, so barred from the same Node-side code. */
const TEST_WORKFLOWS = ['test/helpers/*Workflow.ts', 'test/helpers/*Workflows.ts', 'test/helpers/workflows.ts', 'bench/workflows.ts'];
const NODE_SIDE = ['src/client', 'src/worker', 'src/server', 'src/testing', 'src/http', 'src/cli', 'src/index.ts'];

/** Every folder and entry file of ours that a layer can be barred from. */
const ALL = [...LAYERS.map(({ layer }) => layer), 'test', 'bench'];

/** An import-x/no-restricted-paths zone per layer and folder it may not see (or see only in part). */
function layerZones() {
  const layers = LAYERS.flatMap(({ layer, may }) => {
    const allowed = new Map(may.map((entry) => (typeof entry === 'string' ? [entry, undefined] : [entry.from, entry.only])));
    const barred = ALL.filter((other) => other !== layer && (!allowed.has(other) || allowed.get(other)));
    return barred.map((other) => {
      const only = allowed.get(other);
      return {
        target: `./${layer}`,
        from: `./${other}`,
        ...(only ? { except: only.map((file) => `./${file}`) } : {}),
        message: only
          ? `${layer} may import only ${only.join(', ')} of ${other} (one-way layers: see eslint.config.mjs).`
          : `${layer} may not import ${other} (one-way layers: see eslint.config.mjs).`,
      };
    });
  });
  const testWorkflows = [...NODE_SIDE, 'src/llm'].map((other) => ({
    target: TEST_WORKFLOWS.map((glob) => `./${glob}`),
    from: `./${other}`,
    ...(other === 'src/llm' ? { except: ['./types.ts'] } : {}),
    message: `Test and benchmark workflows run in the workflow sandbox: they may not import ${other}.`,
  }));
  return [...layers, ...testWorkflows];
}

/** Node's own modules, with and without the `node:` prefix (exact names: `./constants` is ours). */
const NODE_MESSAGE = 'Workflow-side code runs in the deterministic workflow sandbox: no Node modules.';
const NODE_MODULES = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: NODE_MESSAGE })),
  patterns: [{ group: ['node:*'], message: NODE_MESSAGE }],
};
/** Packages that only work in a Node process (types are fine: they vanish at build). */
const NODE_ONLY_PACKAGES = {
  group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', 'openai', 'openai/*'],
  allowTypeImports: true,
  message: 'Workflow-side code cannot load Node-only packages; call them from an activity.',
};
/** Workflows see the shipped activities through `proxyActivities`, never by loading them. */
const ACTIVITIES_AS_TYPES = {
  regex: '^(\\.\\.?/)+(.*/)?(activities(/.*)?|\\w*Activities)$',
  allowTypeImports: true,
  message: 'Workflows use the shipped activities through proxyActivities: import their types only (`import type`).',
};

/** Folders and files that run inside the workflow sandbox. */
const WORKFLOW_SIDE = [
  'src/engine/**', 'src/graph/**', 'src/runtime/**', 'src/agent/**', 'src/llm/types.ts', 'src/workflow.ts',
  'workflows/**', ...TEST_WORKFLOWS,
];

/** Options for @typescript-eslint/no-restricted-imports: Node's modules plus the given patterns. */
function restricted(...patterns) {
  return ['error', { paths: NODE_MODULES.paths, patterns: [...NODE_MODULES.patterns, ...patterns] }];
}

export default defineConfig(
  {
    ignores: [
      'dist/**', 'coverage/**', '.durable-graph/**', 'node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts'],
    // Type-aware: about 15 s for the whole repo on two cores.
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      // Our imports have no extension: resolve them to .ts files, and parse those (no-cycle follows them).
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })],
      'import-x/extensions': ['.ts', '.js', '.cjs', '.mjs'],
    },
    rules: {
      // An import the resolver cannot follow would slip past the layer and cycle rules below.
      'import-x/no-unresolved': 'error',
      // Type-only cycles are erased at build; value cycles make load order matter.
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones() }],
      // Activities, graph nodes and routers are async by contract (Temporal and the engine await
      // them), whether or not their body awaits anything.
      '@typescript-eslint/require-await': 'off',
      // Leaving a key out with `const { key: _key, ...rest } = value` is deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Jest's asymmetric matchers (expect.any, expect.objectContaining, ...) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // Workflow side: no Node modules; Node-only packages as types at most.
  {
    files: WORKFLOW_SIDE,
    rules: { '@typescript-eslint/no-restricted-imports': restricted(NODE_ONLY_PACKAGES) },
  },
  {
    files: ['workflows/**', ...TEST_WORKFLOWS],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted(NODE_ONLY_PACKAGES, ACTIVITIES_AS_TYPES),
    },
  },
  // The pure layers: nothing from Temporal beyond types.
  {
    files: ['src/engine/**', 'src/graph/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted(NODE_ONLY_PACKAGES, {
        group: ['@temporalio/*'],
        allowTypeImports: true,
        message: 'engine/ and graph/ are pure: Temporal types at most.',
      }),
    },
  },
  // The pure thread core: unit-tested without Temporal.
  {
    files: ['src/runtime/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restricted(NODE_ONLY_PACKAGES, {
        group: ['@temporalio/workflow', '@temporalio/workflow/*'],
        message: 'runtime/core/ is the pure thread core: only the workflow shell talks to Temporal.',
      }),
    },
  },
);
