import { segments } from './json-pointer.js';
import type { PackIssue } from './pack-problem.js';

function position(data: unknown, path: string): number[] {
  const result: number[] = [];
  let node: unknown = data;
  for (const segment of segments(path)) {
    if (Array.isArray(node)) {
      const index = Number(segment);
      result.push(Number.isInteger(index) ? index : node.length);
      node = node[index];
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      const index = keys.indexOf(segment);
      result.push(index === -1 ? keys.length : index);
      node = (node as Record<string, unknown>)[segment];
    } else {
      result.push(0);
      node = undefined;
    }
  }
  return result;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Sorts problems in the order their paths appear in the pack, so a report reads top to bottom like the file. */
export function sortByDocumentOrder(data: unknown, issues: readonly PackIssue[]): PackIssue[] {
  return issues
    .map((issue, index) => ({ issue, index, at: position(data, issue.path) }))
    .sort((a, b) => compare(a.at, b.at) || a.index - b.index)
    .map(({ issue }) => issue);
}
