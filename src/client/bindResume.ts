import { AmbiguousResumeError, NothingToResumeError } from '../engine/errors';
import type { Values } from '../engine/state';
import { isCommand, type Command } from '../engine/command';
import { isIdMap } from '../runtime/protocol';

/**
 * Binds a plain answer to the interrupt pending when it is sent, by sending it by id: a duplicate that
 * arrives after that interrupt was answered is then ALREADY_ANSWERED instead of answering the next
 * question, which nobody has seen. `pendingIds` reads what takes an answer now.
 */
export async function bindResume(input: Values | null, threadId: string, pendingIds: () => Promise<string[]>): Promise<Values | null> {
  if (!isCommand(input)) return input;
  const command = input as Command;
  if (!Object.hasOwn(command, 'resume') || command.resume === null || command.resume === undefined || isIdMap(command.resume)) return input;
  const pending = await pendingIds();
  if (pending.length === 0) throw new NothingToResumeError(`Thread "${threadId}" has no pending interrupt; nothing to resume`);
  if (pending.length > 1) {
    throw new AmbiguousResumeError(`Thread "${threadId}" has ${pending.length} pending interrupts; answer by id: Command({ resume: { [id]: answer } }) with ids ${pending.join(', ')}`);
  }
  return { ...command, resume: { [pending[0]]: command.resume } }; // a Command travels as plain JSON
}
