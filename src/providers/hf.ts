import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ProviderError } from '../core/errors.js';
import { downloadVerified } from './hf-download.js';
import { authHeaders, HF_DEFAULT_ENDPOINT, parseHfModel, pickGgufFile, resolveHfFile } from './hf-resolve.js';
import type { HfFile, HfSpec } from './hf-resolve.js';
import { openLocalProvider } from './llamacpp.js';
import type { LocalModelOptions, ModelSpec, Provider, ProviderOptions } from './types.js';

/** Where downloads go when the caller names no folder. */
export function defaultModelsDir(home = homedir()): string {
  return join(home, '.cache', 'candor', 'models');
}

/** What is kept beside a verified download (`<file>.candor.json`). */
interface Sidecar {
  repo: string;
  revision: string;
  file: string;
  url: string;
  sha256: string;
  size: number;
}

/**
 * `hf:<org>/<repo>[:<quant>]`: fetch a GGUF file from the Hugging Face Hub once (resumable,
 * sha256-verified) into the models folder, then run it in-process like `gguf:`. With no network
 * a file downloaded earlier for the same spec is used.
 *
 * @example
 * const p = await createHfProvider(parseModelSpec('hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M'), { local: { onEvent } });
 */
export async function createHfProvider(spec: ModelSpec, opts: ProviderOptions): Promise<Provider> {
  if (spec.endpoint !== undefined) throw new ConfigError(`${spec.raw}: hf: takes no @endpoint; set the Hub's address in the options (HF_ENDPOINT for the CLI)`);
  const hf = parseHfModel(spec.model);
  const local = opts.local ?? {};
  const { path, file } = await ensureHfFile(hf, local, opts.apiKey);
  return openLocalProvider({ kind: 'hf', model: spec.model, id: `hf:${spec.model}`, endpoint: file.url, path }, local);
}

/** The local path of the spec's GGUF file, downloading it when it is not in the cache. */
export async function ensureHfFile(hf: HfSpec, o: LocalModelOptions, token?: string): Promise<{ path: string; file: HfFile }> {
  const dir = join(o.cacheDir ?? defaultModelsDir(), ...hf.repo.split('/'));
  if (o.offline) {
    const cached = await findCached(hf, dir);
    if (!cached) throw new ConfigError(`hf:${hf.repo}${hf.quant ? `:${hf.quant}` : ''}: not downloaded yet and downloads are off (offline); run once with network or use --model gguf:/path/to/model.gguf`);
    o.onEvent?.({ type: 'cache-hit', file: `${hf.repo}/${cached.file.file}`, path: cached.path });
    return cached;
  }
  let file: HfFile;
  try {
    file = await resolveHfFile(hf, { endpoint: o.hfEndpoint ?? HF_DEFAULT_ENDPOINT, ...(token && { token }) });
  } catch (e) {
    // Offline: a file verified earlier for this spec will do.
    if (!(e instanceof ProviderError && e.kind === 'transport')) throw e;
    const cached = await findCached(hf, dir);
    if (!cached) throw e;
    o.onEvent?.({ type: 'cache-hit', file: `${hf.repo}/${cached.file.file}`, path: cached.path });
    return cached;
  }
  const path = join(dir, ...file.file.split('/'));
  const label = `${file.repo}/${file.file}`;
  const known = await readSidecar(`${path}.candor.json`);
  if (known && known.sha256 === file.sha256 && (await sizeOr(path)) === known.size) {
    o.onEvent?.({ type: 'cache-hit', file: label, path });
    return { path, file };
  }
  const bytes = await downloadVerified(
    { url: file.url, dest: path, sha256: file.sha256, size: file.size, label, repo: file.repo, headers: authHeaders(token) },
    { ...(o.onEvent && { onEvent: o.onEvent }) },
  );
  const sidecar: Sidecar = { repo: file.repo, revision: file.revision, file: file.file, url: file.url, sha256: file.sha256, size: bytes };
  await writeFile(`${path}.candor.json`, `${JSON.stringify(sidecar, null, 2)}\n`);
  return { path, file };
}

async function findCached(hf: HfSpec, dir: string): Promise<{ path: string; file: HfFile } | undefined> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return undefined;
  }
  const sidecars = new Map<string, Sidecar>();
  for (const n of names.filter((x) => x.endsWith('.gguf.candor.json'))) {
    const s = await readSidecar(join(dir, n));
    if (s && (await sizeOr(join(dir, ...s.file.split('/')))) === s.size) sidecars.set(s.file, s);
  }
  if (sidecars.size === 0) return undefined;
  let chosen: string;
  try {
    chosen = pickGgufFile(hf, [...sidecars.keys()]);
  } catch {
    return undefined;
  }
  const s = sidecars.get(chosen)!;
  return { path: join(dir, ...s.file.split('/')), file: { repo: s.repo, revision: s.revision, file: s.file, url: s.url, size: s.size, sha256: s.sha256 } };
}

async function readSidecar(path: string): Promise<Sidecar | undefined> {
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as Partial<Sidecar>;
    if (typeof v.file === 'string' && typeof v.sha256 === 'string' && typeof v.size === 'number' && typeof v.url === 'string' && typeof v.repo === 'string') {
      return { repo: v.repo, revision: String(v.revision ?? 'main'), file: v.file, url: v.url, sha256: v.sha256, size: v.size };
    }
  } catch {
    // missing or unreadable: not cached
  }
  return undefined;
}

async function sizeOr(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}
