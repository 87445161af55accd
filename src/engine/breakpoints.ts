import type { NodeSelection } from './types';

/** True when `node` matches a breakpoint selection. */
export function selected(selection: NodeSelection | undefined, node: string): boolean {
  return selection === '*' || (Array.isArray(selection) && selection.includes(node));
}
