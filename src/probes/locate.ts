/**
 * Maps a field path (`['items', 3, 'prompts', 'en', 'text']`) to a line of the YAML source,
 * so every issue reads `suites/x.yaml:42 items[3].prompts.en.text`.
 * @module
 */
import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type FieldPath = readonly PropertyKey[];

/** `items[3].prompts.zh-Hans.text`; keys that would be ambiguous are quoted. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (/^[A-Za-z0-9_-]+$/.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** Where a path points: the key of a map entry when there is one, else the node itself. */
interface Hit {
  node: Node;
  key?: Node;
}

function step(node: Node, seg: PropertyKey): Hit | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || String(key.value) !== String(seg)) continue;
      return { node: isNode(pair.value) ? pair.value : key, key };
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return isNode(item) ? { node: item } : undefined;
  }
  return undefined;
}

/** The start offset of the deepest node on `path` that exists in the document. */
export function offsetOf(doc: Document, path: FieldPath): number {
  let current: Hit | undefined = doc.contents ? { node: doc.contents } : undefined;
  let best = current?.node.range?.[0] ?? 0;
  for (const seg of path) {
    const next = current ? step(current.node, seg) : undefined;
    if (!next) break;
    current = next;
    // A map entry is reported on its key's line (`prompts:`), not where its block starts.
    const start = next.key?.range?.[0] ?? next.node.range?.[0];
    if (start !== undefined) best = start;
  }
  return best;
}

/** 1-based line of `path` in the document. */
export function lineOf(doc: Document, lines: LineCounter, path: FieldPath): number {
  return lines.linePos(offsetOf(doc, path)).line;
}

/** `file:line path`, or `file:line` for the document root. */
export function where(file: string, line: number, path: FieldPath): string {
  const field = formatPath(path);
  return field === '' ? `${file}:${line}` : `${file}:${line} ${field}`;
}
