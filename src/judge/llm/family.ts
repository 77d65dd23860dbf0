/**
 * Model families, matched on model names, so a model's own family does not judge it.
 * @module
 */

const FAMILIES: readonly { family: string; re: RegExp }[] = [
  { family: 'deepseek', re: /^deepseek/ },
  { family: 'qwen', re: /^(qwen|qwq)/ },
  { family: 'glm', re: /^(chatglm|glm)/ },
  { family: 'kimi', re: /^(kimi|moonshot)/ },
  { family: 'yi', re: /^yi(\d|$)/ },
  { family: 'llama', re: /^llama/ },
  { family: 'openai', re: /^(gpt|chatgpt|openai|o1|o3|o4)(\d|$|[a-z]*$)/ },
  { family: 'anthropic', re: /^(claude|anthropic)/ },
  { family: 'google', re: /^(gemini|gemma)/ },
  { family: 'mistral', re: /^(mistral|mixtral)/ },
  { family: 'grok', re: /^grok/ },
];

/**
 * The family of a model name (`deepseek/deepseek-r1`, `qwen2.5:7b`, `gpt-4o-mini`), or null.
 * Fine-tunes named after their base (`DeepSeek-R1-Distill-Qwen-7B`) belong to every family named.
 *
 * @example
 * familiesOf('DeepSeek-R1-Distill-Qwen-7B'); // ['deepseek', 'qwen']
 */
export function familiesOf(model: string): string[] {
  const tokens = model.toLowerCase().split(/[^a-z0-9]+/).filter((t) => t !== '');
  const out: string[] = [];
  for (const { family, re } of FAMILIES) {
    if (family === 'openai' && tokens.some((t) => /^o[134]$/.test(t) || /^o[134]mini$/.test(t))) {
      out.push(family);
      continue;
    }
    if (tokens.some((t) => re.test(t) && !(family === 'openai' && /^o[134]/.test(t)))) out.push(family);
  }
  return out;
}

/** Families two model names share. */
export function sharedFamilies(a: string, b: string): string[] {
  const fb = new Set(familiesOf(b));
  return familiesOf(a).filter((f) => fb.has(f));
}
