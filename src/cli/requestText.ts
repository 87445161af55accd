import { reviewRequestOf } from '../agent/reviewVerbs';
import { approversInWords } from '../engine/identity';
import type { PendingInterruptInfo } from '../runtime/protocol';

/**
 * A pending request as people read it at a terminal (`show`, the main job's inbox): what it asks
 * (the call and its description, or the plain value), which answers it takes, who may give them.
 * Each line is indented by `indent`.
 */
export function requestLines(interrupt: PendingInterruptInfo, indent = '    '): string[] {
  const request = reviewRequestOf(interrupt.value);
  const lines: string[] = [];
  if (request.shape === 'plain') {
    lines.push(`value: ${JSON.stringify(interrupt.value ?? null)}`, 'answer: resume --value JSON (a plain interrupt takes the value its graph expects)');
  } else {
    lines.push(...(request.description ?? 'Approval needed').split('\n'));
    lines.push(`call: ${request.call!.name}(${JSON.stringify(request.call!.args)})`, `answers: ${request.verbs.join(', ')}`);
  }
  const rule = interrupt.approvers;
  if (rule) lines.push(`who may answer: ${approversInWords(rule)}${interrupt.approvals?.length ? `; approved so far by ${interrupt.approvals.map((a) => a.by.id).join(', ')}` : ''}`);
  if (interrupt.raisedAt) lines.push(`asked at ${interrupt.raisedAt}${interrupt.deadline ? `, waits until ${interrupt.deadline}` : ''}`);
  return lines.map((line) => `${indent}${line}`);
}


