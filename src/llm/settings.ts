import { ApplicationFailure } from '@temporalio/common';

/** Explicit model settings; each one left out falls back to its environment variable at call time. */
export interface LlmConfig {
  /** Falls back to OPENAI_API_KEY. */
  apiKey?: string;
  /** Falls back to OPENAI_BASE_URL, then OpenAI's own API. */
  baseURL?: string;
  /** Falls back to OPENAI_MODEL, then `gpt-4o-mini`. */
  model?: string;
  /** Per-request timeout in milliseconds (default 60 seconds). */
  timeoutMs?: number;
}

/** The settings one model call uses: `LlmConfig` completed from the environment and the defaults. */
export interface LlmSettings {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
}

const DEFAULT_MODEL = 'gpt-4o-mini';
const DEFAULT_TIMEOUT_MS = 60_000;
/** Where the SDK sends requests when no base URL is set (named in error messages). */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
// OpenAI-compatible local servers usually ignore the key, but the SDK insists on one.
const PLACEHOLDER_KEY = 'not-needed';

/** `config` completed from OPENAI_* (read now, so a worker sees changes) and the defaults. */
export function resolveSettings(config: LlmConfig): LlmSettings {
  const env = (name: string) => process.env[name] || undefined; // an empty variable counts as unset
  const baseURL = config.baseURL ?? env('OPENAI_BASE_URL');
  const apiKey = config.apiKey ?? env('OPENAI_API_KEY') ?? (baseURL ? PLACEHOLDER_KEY : undefined);
  if (!apiKey) {
    throw ApplicationFailure.nonRetryable(
      'No model configured: set OPENAI_API_KEY to call OpenAI, or OPENAI_BASE_URL to use an OpenAI-compatible server ' +
        '(such as the scripted model from durable-graph/testing)',
      'ModelConfigError',
    );
  }
  const model = config.model ?? env('OPENAI_MODEL') ?? DEFAULT_MODEL;
  return { apiKey, baseURL, model, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}
