/** The virtual entry node: `addEdge(START, 'first')`. */
export const START = '__start__';
/** The virtual exit node: `addEdge('last', END)`. */
export const END = '__end__';
/** The result key that lists pending interrupts, as in LangGraph. */
export const INTERRUPT = '__interrupt__';
