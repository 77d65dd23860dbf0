import { ConfigError } from '../core/errors.js';
import type { ModelSpec } from './types.js';

const KIND_RE = /^[a-z][a-z0-9_-]*$/;
const URL_RE = /^https?:\/\/[^\s/]+(\/\S*)?$/i;
/** `host:port` or `[ipv6]:port`, optionally followed by a path. */
const HOST_PORT_RE = /^(\[[0-9a-f:.]+\]|[a-z0-9][a-z0-9.-]*):\d{1,5}(\/\S*)?$/i;

const USAGE = 'expected kind:model[@endpoint], e.g. ollama:qwen2.5:7b or openai:gpt-4o@http://localhost:8000/v1';

/** True when `text` is a URL or a `host:port`, so it can follow the last '@' of a spec. */
export function looksLikeEndpoint(text: string): boolean {
  return URL_RE.test(text) || HOST_PORT_RE.test(text);
}

/** `localhost:8000/` → `http://localhost:8000`: adds a scheme where missing, drops trailing slashes. */
export function normaliseEndpoint(text: string): string {
  const withScheme = /^https?:\/\//i.test(text) ? text : `http://${text}`;
  return withScheme.replace(/\/+$/, '');
}

/**
 * Parse `kind:model[@endpoint]`. The kind is the text before the first ':'; the model may hold
 * ':' and '/'; the endpoint is the part after the last '@', and only when it looks like a URL or
 * `host:port` (so `replay:runs/a@b.jsonl` keeps its '@').
 *
 * @example
 * parseModelSpec('ollama:qwen2.5:7b@localhost:11434')
 * // { kind: 'ollama', model: 'qwen2.5:7b', endpoint: 'http://localhost:11434', raw: ... }
 */
export function parseModelSpec(text: string): ModelSpec {
  const raw = text;
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon < 0) {
    throw new ConfigError(`invalid model spec '${raw}': no kind; ${USAGE}`);
  }
  const kind = trimmed.slice(0, colon).trim().toLowerCase();
  if (kind === '') throw new ConfigError(`invalid model spec '${raw}': empty kind; ${USAGE}`);
  if (!KIND_RE.test(kind)) throw new ConfigError(`invalid model spec '${raw}': bad kind '${kind}'; ${USAGE}`);

  let model = trimmed.slice(colon + 1);
  let endpoint: string | undefined;
  const at = model.lastIndexOf('@');
  if (at >= 0 && looksLikeEndpoint(model.slice(at + 1))) {
    endpoint = normaliseEndpoint(model.slice(at + 1));
    model = model.slice(0, at);
  }
  model = model.trim();
  if (model === '') throw new ConfigError(`invalid model spec '${raw}': empty model name; ${USAGE}`);
  return endpoint === undefined ? { kind, model, raw } : { kind, model, endpoint, raw };
}

/**
 * The canonical id, `kind:model` or `kind:model@endpoint`; `parseModelSpec` reads it back.
 *
 * @example
 * formatModelSpec({ kind: 'openai', model: 'gpt-4o', endpoint: 'https://api.openai.com/v1', raw: '' })
 * // 'openai:gpt-4o@https://api.openai.com/v1'
 */
export function formatModelSpec(spec: Pick<ModelSpec, 'kind' | 'model' | 'endpoint'>): string {
  return spec.endpoint === undefined ? `${spec.kind}:${spec.model}` : `${spec.kind}:${spec.model}@${spec.endpoint}`;
}
