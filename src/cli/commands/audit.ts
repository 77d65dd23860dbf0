import { readFileSync } from 'node:fs';
import { runAudit } from '../../audit/run-audit.js';
import { buildManifest, modelEntry } from '../../audit/manifest.js';
import { ConfigError } from '../../core/errors.js';
import type { RunManifest, RunRow } from '../../core/manifest.js';
import type { Probe } from '../../core/types.js';
import { createRulesJudge } from '../../judge/index.js';
import { defaultSuitePath, loadSuite, selectProbes, starterSuitePath } from '../../probes/index.js';
import { createProvider, defaultEnvKeyFor, parseModelSpec } from '../../providers/index.js';
import type { PrefillMode, Provider } from '../../providers/types.js';
import { hasArms, renderArmsText } from '../../report/arms.js';
import { renderSummaryTable, table } from '../../report/terminal.js';
import { armsForManifest, resolveArms } from '../../runner/arms.js';
import { withArms } from '../../stats/arms-summary.js';
import type { RunStore } from '../../store/types.js';
import type { RunJobsParams } from '../../runner/run-jobs.js';
import { DEFAULT_RETRY } from '../../runner/retry.js';
import { EMBEDDED_DEFAULT_MODELS, localModelOptions, pickDefaultModel } from '../default-model.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { gitInfo, toolVersion } from '../provenance.js';
import { openStore, storeLabel } from '../store.js';

export interface AuditFlags {
  model?: string[];
  suite?: string;
  db: string;
  store?: string;
  /** redis:// URL: hand the answers to `candor worker` processes. */
  queue?: string;
  samples: number;
  temperature?: number;
  maxTokens: number;
  systemPrompt?: string;
  lang?: string[];
  topic?: string[];
  limit?: number;
  concurrency: number;
  rps?: number;
  timeout: number;
  retries: number;
  seed: number;
  cache: boolean;
  stream: boolean;
  apiKeyEnv?: string[];
  json: boolean;
  quiet: boolean;
  resume?: string;
  /** Experimental arms besides direct (docs/ARMS.md), repeatable. */
  arm?: string[];
  /** How OpenAI-compatible endpoints continue a prefill: auto, continue_final_message, trailing, off. */
  prefillMode?: string;
  /** Flags given on the command line (not defaults), so defaults can adapt to the model. */
  explicit?: string[];
}

/** What the embedded default audits unless told otherwise: a quick suite, short answers. */
const EMBEDDED_DEFAULT_SCOPE = { maxTokens: 512 };

export async function auditCommand(given: AuditFlags, io: CliIo): Promise<number> {
  let flags = given;
  if (flags.queue !== undefined) {
    (await import('../../queue/audit.js')).checkQueueUrl(flags.queue);
    if (!flags.store) throw new ConfigError('--queue needs a store every worker can reach: add --store postgres://…');
  }
  const store = await openStore(flags);
  const providers: Provider[] = [];
  try {
    const judge = createRulesJudge();
    const ctx = { store, judge, signal: io.signal, onEvent: createProgress(io.stderr, { quiet: flags.quiet }) };
    let result;
    // The queue client (BullMQ, ioredis) is loaded only for --queue runs.
    const queue = flags.queue === undefined ? undefined : await import('../../queue/audit.js');
    const execute: typeof runAudit = (c, plan) => flags.queue === undefined || !queue ? runAudit(c, plan) : queue.runDistributedAudit({
      store, redisUrl: flags.queue, signal: io.signal,
      onPlan: (run, p) => io.stderr.write(`run ${run.id}: ${p.enqueued} answers queued on ${p.queues.length} queue(s), ${p.skipped} already stored; waiting for workers\n`),
      ...(!flags.quiet && { onProgress: (p) => io.stderr.write(`  ${p.done}/${p.total} stored${p.failed ? `, ${p.failed} given up` : ''}\n`) }),
      onFailed: (id, reason) => io.stderr.write(`job ${id} given up (no answer stored): ${reason}\n`),
    }, plan);
    if (flags.resume) {
      const run = await store.getRun(flags.resume);
      if (!run) throw new ConfigError(`no run '${flags.resume}' in ${storeLabel(flags)}; see: candor runs`);
      if (run.status === 'complete' && !(await hasFailures(store, run))) {
        throw new ConfigError(`run ${run.id} is already complete with no failed requests; nothing to resume`);
      }
      const m = run.manifest;
      const probes = await probesFor(m.suite.path ?? defaultSuitePath(), m.params, m.suite.hash);
      const prefillMode = m.params.prefillMode === undefined ? undefined : parsePrefillMode(m.params.prefillMode);
      for (const entry of m.models) providers.push(await makeProvider(entry.spec, entry.apiKeyEnv, m.params.stream, io, flags.quiet, prefillMode));
      io.stderr.write(`resuming run ${run.id} (${m.models.map((x) => x.spec).join(', ')})\n`);
      result = await execute(ctx, { resume: run, providers, probes, params: paramsFromManifest(m) });
    } else {
      let specs = flags.model ?? [];
      if (specs.length === 0) {
        const picked = await pickDefaultModel({ env: io.env });
        io.stderr.write(`${picked.note}\n`);
        specs = picked.specs;
        if (specs.every((x) => (EMBEDDED_DEFAULT_MODELS as readonly string[]).includes(x))) flags = embeddedScope(flags, io);
      }
      const keyEnvs = flags.apiKeyEnv ?? [];
      if (keyEnvs.length > 1 && keyEnvs.length !== specs.length) {
        throw new ConfigError(`--api-key-env: give one name for all models or one per --model (${specs.length}), not ${keyEnvs.length}`);
      }
      const envFor = (i: number): string | undefined => keyEnvs.length === 1 ? keyEnvs[0] : keyEnvs[i];
      const prefillMode = flags.prefillMode === undefined ? undefined : parsePrefillMode(flags.prefillMode);
      const armDefs = resolveArms(flags.arm ?? [], (path) => readFileSync(path, 'utf8'));
      for (const [i, spec] of specs.entries()) providers.push(await makeProvider(spec, envFor(i), flags.stream, io, flags.quiet, prefillMode));
      const ids = new Set(providers.map((p) => p.id));
      if (ids.size !== providers.length) throw new ConfigError('--model: the same model is given twice');
      const suitePath = flags.suite ?? defaultSuitePath();
      const suite = await loadSuite(suitePath);
      const selection = { langs: flags.lang ?? null, topics: flags.topic ?? null, limit: flags.limit ?? null };
      const probes = select(suite.probes, selection);
      const arms = armsForManifest(armDefs, providers);
      for (const a of arms) {
        if (a.unsupported) io.stderr.write(`arm ${a.name}: unsupported by ${a.unsupported.join(', ')}; not asked there (recorded in the manifest)\n`);
        if (a.unverified) io.stderr.write(`arm ${a.name}: prefill support of ${a.unverified.join(', ')} is not known; asked with --prefill-mode auto (see docs/ARMS.md)\n`);
      }
      const params = { ...toParams(flags), arms };
      const manifest = buildManifest({
        tool: toolVersion(),
        git: gitInfo(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        suite: { ...suite.info, path: suitePath },
        models: providers.map((p, i) => modelEntry(p, envFor(i))),
        params: {
          ...(params.temperature !== undefined && { temperature: params.temperature }),
          maxTokens: params.maxTokens,
          ...(params.systemPrompt !== undefined && { systemPrompt: params.systemPrompt }),
          samples: params.samples, seed: params.seed, stream: flags.stream,
          ...selection,
          concurrency: params.concurrency, rps: params.rps ?? null, timeoutMs: params.timeoutMs,
          maxAttempts: params.retry.maxAttempts, cache: params.cache,
          arms, ...(flags.prefillMode !== undefined && { prefillMode: flags.prefillMode }),
        },
        judge: { id: judge.id, version: judge.version },
        // The direct arm's answers: dependent arms' counts are known only once it is judged.
        planned: probes.length * params.samples * providers.length,
        createdAt: new Date().toISOString(),
      });
      result = await execute(ctx, { manifest, providers, probes, params });
    }
    const arms = result.arms;
    io.stdout.write(flags.json
      ? `${JSON.stringify(withArms(result.summary, arms), null, 2)}\n`
      : renderSummaryTable(result.summary) + (hasArms(arms) ? `\n${renderArmsText(arms, (rows) => table(rows))}` : ''));
    return 0;
  } finally {
    await Promise.all(providers.map((p) => p.close?.()));
    await store.close();
  }
}

/** Whether any answer of a run (of any arm) failed, so a resume has something to ask. */
async function hasFailures(store: RunStore, run: RunRow): Promise<boolean> {
  return (await store.itemFacts(run.id)).items.some((c) => c.outcomes.error + c.outcomes.http_error > 0);
}

const PREFILL_MODES: readonly PrefillMode[] = ['auto', 'continue_final_message', 'trailing', 'off'];

export function parsePrefillMode(v: string): PrefillMode {
  if (!(PREFILL_MODES as readonly string[]).includes(v)) throw new ConfigError(`--prefill-mode: '${v}' is not one of ${PREFILL_MODES.join(', ')}`);
  return v as PrefillMode;
}

export async function makeProvider(spec: string, keyEnv: string | undefined, stream: boolean, io: CliIo, quiet = false, prefillMode?: PrefillMode): Promise<Provider> {
  const kind = parseModelSpec(spec).kind;
  const envName = keyEnv ?? defaultEnvKeyFor(kind);
  const apiKey = envName ? io.env[envName] : undefined;
  if (keyEnv && !apiKey) throw new ConfigError(`--api-key-env ${keyEnv}: that environment variable is not set`);
  return createProvider(spec, { ...(apiKey && { apiKey }), stream, ...(prefillMode && { prefillMode }), ...((kind === 'gguf' || kind === 'hf') && { local: localModelOptions(quiet ? { env: io.env, stderr: { write: () => true } } : io) }) });
}

function select(probes: Probe[], s: { langs: string[] | null; topics: string[] | null; limit: number | null }): Probe[] {
  const selected = selectProbes(probes, {
    ...(s.langs && { langs: s.langs }),
    ...(s.topics && { topics: s.topics }),
    ...(s.limit !== null && { limit: s.limit }),
  });
  if (selected.length === 0) throw new ConfigError('no probe matches --lang / --topic; see: candor probes list');
  return selected;
}

async function probesFor(path: string, p: RunManifest['params'], hash: string): Promise<Probe[]> {
  const suite = await loadSuite(path);
  if (suite.info.hash !== hash) {
    throw new ConfigError(`${path} changed since the run started (suite hash ${suite.info.hash.slice(0, 12)} ≠ ${hash.slice(0, 12)}); start a new run instead`);
  }
  return select(suite.probes, { langs: p.langs, topics: p.topics, limit: p.limit });
}

function toParams(f: AuditFlags): RunJobsParams {
  return {
    samples: f.samples, seed: f.seed, maxTokens: f.maxTokens,
    ...(f.temperature !== undefined && { temperature: f.temperature }),
    ...(f.systemPrompt !== undefined && { systemPrompt: f.systemPrompt }),
    concurrency: f.concurrency,
    ...(f.rps !== undefined && { rps: f.rps }),
    timeoutMs: f.timeout * 1000,
    retry: { ...DEFAULT_RETRY, maxAttempts: f.retries + 1 },
    cache: f.cache,
  };
}

function paramsFromManifest(m: RunManifest): RunJobsParams {
  const p = m.params;
  return {
    samples: p.samples, seed: p.seed, maxTokens: p.maxTokens,
    ...(p.temperature !== undefined && { temperature: p.temperature }),
    ...(p.systemPrompt !== undefined && { systemPrompt: p.systemPrompt }),
    concurrency: p.concurrency,
    ...(p.rps !== null && { rps: p.rps }),
    timeoutMs: p.timeoutMs,
    retry: { ...DEFAULT_RETRY, maxAttempts: p.maxAttempts },
    cache: p.cache,
    ...(p.arms && { arms: p.arms }),
  };
}

/**
 * Two small models on a CPU take minutes per hundred answers: unless the user chose otherwise,
 * the embedded default audits the quick starter suite with answers of at most 512 tokens.
 */
export function embeddedScope(flags: AuditFlags, io: Pick<CliIo, 'stderr'>): AuditFlags {
  const explicit = new Set(flags.explicit ?? []);
  const scoped = { ...flags };
  const notes: string[] = [];
  if (!explicit.has('suite')) {
    scoped.suite = starterSuitePath();
    notes.push('the quick starter suite (--suite suites/candor-v1 for the full one)');
  }
  if (!explicit.has('maxTokens')) {
    scoped.maxTokens = EMBEDDED_DEFAULT_SCOPE.maxTokens;
    notes.push(`answers of at most ${EMBEDDED_DEFAULT_SCOPE.maxTokens} tokens (--max-tokens to change)`);
  }
  if (notes.length) io.stderr.write(`embedded default: ${notes.join('; ')}\n`);
  return scoped;
}
