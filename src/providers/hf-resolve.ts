/**
 * `hf:<org>/<repo>[:<quant>]` and `hf:<org>/<repo>/<file.gguf>`: which GGUF file of a Hugging Face
 * Hub repository to fetch, its commit, size and sha256 (from the Hub's API).
 * @module
 */
import { ConfigError, ProviderError } from '../core/errors.js';

export const HF_DEFAULT_ENDPOINT = 'https://huggingface.co';
/** Tried in order when the spec names no quantisation and the repository has several files. */
export const PREFERRED_QUANTS = ['Q4_K_M', 'Q4_0', 'Q8_0'];

const REPO_RE = /^[\w.-]+\/[\w.-]+$/;
const SPLIT_RE = /-\d{5}-of-\d{5}\.gguf$/i;
const OFFLINE_HINT = 'without network, run a local file instead: --model gguf:/path/to/model.gguf (docs/LOCAL-MODELS.md)';

export interface HfSpec {
  repo: string;
  /** e.g. 'Q4_K_M'; undefined when not given. */
  quant?: string;
  /** An explicit file path inside the repository. */
  file?: string;
}

export interface HfFile {
  repo: string;
  /** The commit the file was resolved at ('main' if the Hub gave none). */
  revision: string;
  file: string;
  url: string;
  size: number | undefined;
  sha256: string;
}

/** Parse the part after `hf:`. */
export function parseHfModel(model: string): HfSpec {
  const usage = `expected hf:<org>/<repo>[:<quant>] or hf:<org>/<repo>/<file>.gguf, e.g. hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M`;
  const parts = model.split('/');
  if (parts.length > 2) {
    const repo = parts.slice(0, 2).join('/');
    const file = parts.slice(2).join('/');
    if (!REPO_RE.test(repo) || !file.toLowerCase().endsWith('.gguf') || file.split('/').some((s) => s === '' || s === '..')) {
      throw new ConfigError(`invalid hf: model '${model}'; ${usage}`);
    }
    return { repo, file };
  }
  const colon = model.indexOf(':');
  const repo = colon < 0 ? model : model.slice(0, colon);
  const quant = colon < 0 ? undefined : model.slice(colon + 1);
  if (!REPO_RE.test(repo) || (quant !== undefined && !/^[\w.-]+$/.test(quant))) {
    throw new ConfigError(`invalid hf: model '${model}'; ${usage}`);
  }
  return quant === undefined ? { repo } : { repo, quant };
}

/** The GGUF file a spec names among a repository's file names; throws ConfigError listing the choices. */
export function pickGgufFile(spec: HfSpec, files: string[]): string {
  const ggufs = files.filter((f) => f.toLowerCase().endsWith('.gguf'));
  const where = `hf:${spec.repo}`;
  const list = (): string => (ggufs.length === 0 ? 'none' : ggufs.join(', '));
  if (spec.file !== undefined) {
    if (!files.includes(spec.file)) throw new ConfigError(`${where}: no file '${spec.file}' in the repository (GGUF files: ${list()})`);
    return spec.file;
  }
  if (ggufs.length === 0) throw new ConfigError(`${where}: the repository has no .gguf file; pick a GGUF repository`);
  const matching = (q: string): string[] => {
    const re = new RegExp(`(^|[-._])${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
    return ggufs.filter((f) => re.test(f.replace(SPLIT_RE, '.gguf').replace(/\.gguf$/i, '').split('/').pop() ?? ''));
  };
  let candidates: string[];
  if (spec.quant !== undefined) {
    candidates = matching(spec.quant);
    if (candidates.length === 0) throw new ConfigError(`${where}: no GGUF file with quantisation '${spec.quant}' (files: ${list()})`);
  } else if (ggufs.length === 1) {
    candidates = ggufs;
  } else {
    candidates = PREFERRED_QUANTS.map(matching).find((m) => m.length > 0) ?? [];
    if (candidates.length === 0) throw new ConfigError(`${where}: several GGUF files; name one with hf:${spec.repo}:<quant> (files: ${list()})`);
  }
  const single = candidates.filter((f) => !SPLIT_RE.test(f));
  if (single.length === 0) throw new ConfigError(`${where}: '${candidates[0]}' is split into parts, which Candor does not download; pick another quantisation`);
  if (single.length > 1) throw new ConfigError(`${where}: several files match (${single.join(', ')}); name one with hf:${spec.repo}/<file>.gguf`);
  return single[0]!;
}

interface Sibling {
  rfilename: string;
  size?: number;
  lfs?: { sha256?: string; size?: number };
}

/** Ask the Hub which file to fetch, at which commit, with which sha256. */
export async function resolveHfFile(spec: HfSpec, o: { endpoint: string; token?: string; signal?: AbortSignal }): Promise<HfFile> {
  const base = o.endpoint.replace(/\/+$/, '');
  const apiUrl = `${base}/api/models/${spec.repo}?blobs=true`;
  const res = await hubFetch(apiUrl, { headers: authHeaders(o.token), ...(o.signal && { signal: o.signal }) }, spec.repo);
  if (res.status === 404) throw new ConfigError(`hf:${spec.repo}: no such repository on ${base} (HTTP 404 from ${apiUrl})`);
  if (res.status === 401 || res.status === 403) {
    throw new ConfigError(`hf:${spec.repo}: the Hub refused access (HTTP ${res.status}); the repository may be gated or private: accept its licence on the Hub and set HF_TOKEN`);
  }
  if (!res.ok) {
    throw new ProviderError(`hf:${spec.repo}: the Hub answered HTTP ${res.status} for ${apiUrl}`, { kind: 'http', status: res.status, retryable: res.status >= 500 });
  }
  let info: { sha?: unknown; siblings?: unknown };
  try {
    info = (await res.json()) as typeof info;
  } catch (e) {
    throw new ProviderError(`hf:${spec.repo}: the Hub's answer from ${apiUrl} is not JSON`, { kind: 'protocol', retryable: false, cause: e });
  }
  const siblings = Array.isArray(info.siblings) ? (info.siblings as Sibling[]).filter((s) => typeof s?.rfilename === 'string') : [];
  const file = pickGgufFile(spec, siblings.map((s) => s.rfilename));
  const sib = siblings.find((s) => s.rfilename === file)!;
  const revision = typeof info.sha === 'string' && /^[0-9a-f]{7,64}$/i.test(info.sha) ? info.sha : 'main';
  const url = `${base}/${spec.repo}/resolve/${revision}/${file.split('/').map(encodeURIComponent).join('/')}`;
  const size = sib.lfs?.size ?? sib.size;
  const sha256 = normaliseSha(sib.lfs?.sha256) ?? (await linkedEtag(url, o.token, spec.repo, o.signal));
  if (sha256 === undefined) {
    throw new ProviderError(`hf:${spec.repo}: the Hub gives no sha256 for ${file}, so the download cannot be verified`, { kind: 'protocol', retryable: false });
  }
  return { repo: spec.repo, revision, file, url, size: typeof size === 'number' ? size : undefined, sha256 };
}

/** The sha256 the Hub puts in X-Linked-Etag on an LFS file's resolve URL (asked without following the redirect). */
async function linkedEtag(url: string, token: string | undefined, repo: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const res = await hubFetch(url, { method: 'HEAD', redirect: 'manual', headers: authHeaders(token), ...(signal && { signal }) }, repo);
  return normaliseSha(res.headers.get('x-linked-etag') ?? undefined);
}

function normaliseSha(v: string | undefined): string | undefined {
  const s = v?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  return s !== undefined && /^[0-9a-f]{64}$/.test(s) ? s : undefined;
}

export function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** fetch, with a network failure turned into a ProviderError that says what to do offline. */
export async function hubFetch(url: string, init: RequestInit, repo: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw networkError(url, repo, e);
  }
}

export function networkError(url: string, repo: string, e: unknown): ProviderError {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code
    : typeof cause?.message === 'string' && cause.message !== '' ? cause.message
      : e instanceof Error ? e.message : String(e);
  return new ProviderError(`hf:${repo}: cannot reach ${new URL(url).origin} (${detail}); ${OFFLINE_HINT}`, { kind: 'transport', retryable: false, cause: e });
}
