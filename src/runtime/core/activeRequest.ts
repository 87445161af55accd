// The request under way keeps a little progress of its own (prepared, steps run, breakpoint skip).
import type { ActiveRequest, ThreadState } from './data';

export function updateActive(state: ThreadState, change: Partial<ActiveRequest>): ThreadState {
  const active = state.data.mailbox.active;
  if (!active) throw new Error('No request under way'); // a bug of the shell: only the serve loop calls this
  return { ...state, data: { ...state.data, mailbox: { ...state.data.mailbox, active: { ...active, ...change } } } };
}
