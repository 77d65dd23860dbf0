const OPEN = '<think>';
const CLOSE = '</think>';

export interface SplitAnswer {
  /** The visible answer, think blocks removed, trimmed. */
  text: string;
  /** The trace, trimmed; undefined when the content had no think tags at all. */
  reasoning?: string;
}

/**
 * Separate inline `<think>…</think>` reasoning from the answer.
 * - `<think>r</think>a` → reasoning 'r', text 'a' (several blocks are joined);
 * - `r</think>a` (the chat template opened the tag) → reasoning 'r', text 'a';
 * - `<think>r` never closed (cut off while thinking) → reasoning 'r', text '';
 * - `<think></think>a` → reasoning '' (an empty trace: thought suppression).
 */
export function splitThink(content: string): SplitAnswer {
  let open = content.indexOf(OPEN);
  let close = content.indexOf(CLOSE);
  if (open < 0 && close < 0) return { text: content.trim() };

  const traces: string[] = [];
  let rest = content;
  let text = '';
  if (close >= 0 && (open < 0 || close < open)) {
    traces.push(rest.slice(0, close));
    rest = rest.slice(close + CLOSE.length);
    open = rest.indexOf(OPEN);
    close = rest.indexOf(CLOSE);
  }
  while (open >= 0) {
    text += rest.slice(0, open);
    const after = rest.slice(open + OPEN.length);
    close = after.indexOf(CLOSE);
    if (close < 0) {
      traces.push(after);
      rest = '';
      break;
    }
    traces.push(after.slice(0, close));
    rest = after.slice(close + CLOSE.length);
    open = rest.indexOf(OPEN);
  }
  text += rest;
  return { text: text.trim(), reasoning: joinTraces(traces) };
}

function joinTraces(traces: string[]): string {
  return traces
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .join('\n\n');
}

/**
 * Combine a reasoning field (`reasoning_content`, `thinking`, ...) with inline think tags.
 * Undefined only when neither source had a trace; '' when the trace exists but is empty.
 */
export function mergeReasoning(field: string | undefined, inline: string | undefined): string | undefined {
  if (field === undefined) return inline;
  const f = field.trim();
  if (inline === undefined || inline === '') return f;
  return f === '' ? inline : `${f}\n\n${inline}`;
}

/** Split think tags from `content` and merge with a separate reasoning field. */
export function buildAnswer(content: string, reasoningField: string | undefined): SplitAnswer {
  const split = splitThink(content);
  const reasoning = mergeReasoning(reasoningField, split.reasoning);
  return reasoning === undefined ? { text: split.text } : { text: split.text, reasoning };
}
