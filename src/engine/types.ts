import type { Command, Send } from './command';
import type { Identity } from './identity';
import type { SubgraphHost } from './subgraphHost';
import type { AIMessageChunk, MessageMetadata } from './messageChunk';

/** What a node gets beside the state. */
export interface NodeContext {
  /** The node's name. */
  node: string;
  /** The superstep this task runs in. */
  step: number;
  /** The thread (workflow id). */
  threadId: string;
  /** Emits a custom stream event (`streamMode: 'custom'`). */
  writer: (chunk: unknown) => void;
  /** Who sent the request being served now (`anonymous` without an identity). */
  readonly identity: Identity;
  /** Set by the thread: how a subgraph invoked with this context reports to it and stops at its breakpoints. */
  subgraphHost?: SubgraphHost;
  /**
   * Whether the call under way streams `messages`, read when the node calls the model (a node that
   * waits in interrupt() may go on under another call): a model call should then stream its tokens.
   */
  readonly streamsMessages: boolean;
  /** LangGraph's metadata of this task's `messages` events; a streaming model call labels its tokens with it. */
  readonly messageMetadata: MessageMetadata;
  /** Streams a model's whole reply under `messages` as `[message, messageMetadata]` (when the call asked for that mode). */
  emitMessage: (message: AIMessageChunk) => void;
}

/** What a subgraph run inside a node inherits of the node's context (its own nodes stream as the calling task). */
export type InheritedContext = Pick<NodeContext, 'threadId' | 'writer'> & Partial<Pick<NodeContext, 'identity' | 'subgraphHost' | 'streamsMessages' | 'messageMetadata' | 'emitMessage'>>;

export type NodeResult<U> = U | Command<U> | void | undefined;

/** A node: reads the state, returns a partial update or a Command. */
export type NodeFunction<S, U> = (state: S, ctx: NodeContext) => NodeResult<U> | Promise<NodeResult<U>>;

/** Where a conditional edge goes: node names, END, or Sends for fan-out. */
export type RouteTarget = string | Send | Array<string | Send>;
export type Router<S> = (state: S) => RouteTarget | Promise<RouteTarget>;

/** Re-runs a failing node inside the workflow (activities have their own Temporal retry policy). */
export interface RetryPolicy {
  /** Total attempts, first included (default 3). */
  maxAttempts?: number;
  /** Milliseconds before the second attempt (default 500). */
  initialInterval?: number;
  /** Multiplier per attempt (default 2). */
  backoffFactor?: number;
  /** Cap on the interval in milliseconds (default 128000). */
  maxInterval?: number;
  /** Which errors are worth another attempt (default: all). */
  retryOn?: (error: unknown) => boolean;
}

export interface NodeOptions {
  /** Nodes this node may route to with `Command({ goto })`. */
  ends?: string[];
  retryPolicy?: RetryPolicy;
}

export interface NodeSpec {
  name: string;
  fn: NodeFunction<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- state type is the graph's, erased here
  ends: string[];
  retryPolicy?: RetryPolicy;
}

export interface Branch {
  from: string;
  router: Router<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- state type erased
  /** Router result → node; absent means the router returns node names itself. */
  pathMap?: Record<string, string>;
}

/** `addEdge([a, b], c)`: c runs once every source has finished since c last ran. */
export interface Join {
  from: string[];
  to: string;
}

/** The graph as built, before compile-time checks. */
export interface GraphDefinition {
  nodes: Map<string, NodeSpec>;
  edges: Array<{ from: string; to: string }>;
  joins: Join[];
  branches: Branch[];
}

/** Nodes a breakpoint applies to: a list of names, or `'*'` for every node. */
export type NodeSelection = string[] | '*';
