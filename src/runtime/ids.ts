// Deterministic 128-bit ids (32 lowercase hex) from strings: workflow-safe, no crypto module.
function hash32(text: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function stableId(...parts: Array<string | number>): string {
  const text = parts.join('\u0000');
  return [0x9e3779b9, 0x7f4a7c15, 0x94d049bb, 0xbf58476d]
    .map((seed) => hash32(text, seed).toString(16).padStart(8, '0'))
    .join('');
}

export { INTERRUPT_ID } from './protocol';
