import { reviewRequestOf } from '../agent/reviewVerbs';
import type { Approvers } from '../engine/identity';
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
  const who = whoMayAnswer(interrupt.approvers);
  if (who) lines.push(`who may answer: ${who}${interrupt.approvals?.length ? `; approved so far by ${interrupt.approvals.map((a) => a.by.id).join(', ')}` : ''}`);
  if (interrupt.raisedAt) lines.push(`asked at ${interrupt.raisedAt}${interrupt.deadline ? `, waits until ${interrupt.deadline}` : ''}`);
  return lines.map((line) => `${indent}${line}`);
}

/** An approvers rule in words, e.g. `role finance, not the requester (riley), 2 of them`. */
function whoMayAnswer(rule: Approvers | undefined): string | undefined {
  if (!rule) return undefined;
  const parts = [
    rule.users?.length ? `user ${rule.users.join(' or ')}` : '',
    rule.roles?.length ? `role ${rule.roles.join(' or ')}` : '',
  ].filter(Boolean);
  const who = parts.length ? parts.join(' or ') : 'anyone identified';
  const notRequester = rule.notRequester ? `, not the requester${rule.requester ? ` (${rule.requester})` : ''}` : '';
  const quorum = (rule.quorum ?? 1) > 1 ? `, ${rule.quorum} of them` : '';
  return `${who}${notRequester}${quorum}`;
}
