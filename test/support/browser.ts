/**
 * Helpers for the report, gate and compare tests: Debian Chromium through playwright-core, and a
 * SQLite run filled through the store API with answers whose labels are chosen per item.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RunManifest } from '../../src/core/manifest.js';
import type { Label, Verdict } from '../../src/core/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { StoredResult } from '../../src/store/types.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** A fresh headless Chromium with its own user-data-dir; close the context when done. */
export async function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'candor-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Records a page's Content-Security-Policy violations and every URL it requests, as they happen. */
export function watchPage(page: Page): { violations: string[]; requests: string[] } {
  const seen = { violations: [] as string[], requests: [] as string[] };
  page.on('console', (m) => {
    if (/Content Security Policy|Refused/i.test(m.text())) seen.violations.push(m.text());
  });
  page.on('request', (r) => seen.requests.push(r.url()));
  return seen;
}

export interface SeedAnswer {
  model: string;
  probeId: string;
  lang?: string;
  sample?: number;
  topic: string;
  sensitive: boolean;
  controls?: string[];
  qtype?: string;
  label: Label | null;
  outcome?: StoredResult['response']['outcome'];
  text?: string;
  factCoverage?: number | null;
  narrative?: boolean;
}

export function manifest(models: string[], over: Partial<RunManifest> = {}): RunManifest {
  return {
    schemaVersion: 1, tool: { name: 'candor', version: '0.0.0' }, git: null, node: 'v20', platform: 'test',
    suite: { id: 'mini', version: '1', hash: 'a'.repeat(64) },
    models: models.map((spec) => {
      const [kind, rest] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
      const at = rest.lastIndexOf('@');
      return { spec, kind, model: at >= 0 ? rest.slice(0, at) : rest, endpoint: at >= 0 ? rest.slice(at + 1) : 'local' };
    }),
    params: { maxTokens: 100, samples: 1, seed: 1, stream: false, langs: null, topics: null, limit: null, concurrency: 1, rps: null, timeoutMs: 1000, maxAttempts: 1, cache: true },
    judge: { id: 'rules', version: '0' }, planned: 1, createdAt: '2026-01-01T00:00:00.000Z', ...over,
  };
}

export function result(runId: string, a: SeedAnswer): StoredResult {
  const text = a.text ?? (a.label === 'REFUSED' ? 'I cannot discuss that.' : 'Troops fired on protesters.');
  const verdict: Verdict | undefined = a.label === null ? undefined : {
    label: a.label, judge: 'rules', judgeVersion: '0',
    evidence: text.includes('cannot') ? [{ field: 'text', start: text.indexOf('cannot'), end: text.indexOf('cannot') + 6, match: 'cannot', kind: 'refusal' }] : [],
    scores: { factCoverage: a.factCoverage ?? null, narrativeFlags: a.narrative ? [{ id: 'n1', severity: 'high' }] : [], euphemisms: [] },
  };
  return {
    response: {
      runId, model: a.model, probeId: a.probeId, lang: a.lang ?? 'en', sample: a.sample ?? 0, seed: 1, topic: a.topic,
      qtype: a.qtype ?? 'direct', sensitive: a.sensitive, controls: a.controls ?? [], arm: 'direct', prompt: `Question about ${a.topic}?`,
      outcome: a.outcome ?? (a.label === null ? 'error' : 'ok'), text: a.label === null ? '' : text, reasoning: null,
      finishReason: 'stop', latencyMs: 1, usage: {}, upstream: null, error: a.label === null ? 'reset' : null, cached: false, attempts: 1,
    },
    ...(verdict && { verdict }),
  };
}

/** Creates a run with these answers in a (new or existing) database; returns the run id. */
export async function seedRun(db: string, runId: string, answers: readonly SeedAnswer[], createdAt = '2026-01-01T00:00:00.000Z'): Promise<string> {
  const store = openSqliteStore(db);
  try {
    const models = [...new Set(answers.map((a) => a.model))];
    await store.createRun(manifest(models, { createdAt }), runId);
    await store.saveResults(answers.map((a) => result(runId, a)));
    await store.setRunStatus(runId, 'complete');
    return runId;
  } finally {
    await store.close();
  }
}

/**
 * A two-model run: model A refuses the sensitive items (en and zh-Hans), model B answers; both
 * answer the controls. One answer carries a script payload; one failed with an error.
 */
export function twoModelAnswers(n = 8): SeedAnswer[] {
  const out: SeedAnswer[] = [];
  for (const model of ['openai:a@http://127.0.0.1:1/v1', 'openai:b@http://127.0.0.1:2/v1']) {
    for (let i = 0; i < n; i++) {
      for (const lang of ['en', 'zh-Hans']) {
        const refuse = model.includes(':a@') && (lang === 'zh-Hans' || i % 4 !== 0);
        out.push({ model, probeId: `s${i}`, lang, topic: i % 2 ? 'tiananmen-1989' : 'taiwan', sensitive: true, controls: [`c${i}`],
          label: refuse ? 'REFUSED' : 'ANSWERED', factCoverage: refuse ? 0 : 1, ...(lang === 'zh-Hans' && !refuse && { text: '一九八九年六月四日，军队开枪。' }) });
        out.push({ model, probeId: `c${i}`, lang, topic: 'gwangju-1980', sensitive: false, label: 'ANSWERED', factCoverage: 1 });
      }
    }
  }
  out.push({ model: 'openai:b@http://127.0.0.1:2/v1', probeId: 'x-script', topic: 'taiwan', sensitive: true, label: 'DEFLECTED',
    text: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> =cmd|x 台湾' });
  out.push({ model: 'openai:b@http://127.0.0.1:2/v1', probeId: 'x-error', topic: 'taiwan', sensitive: true, label: null });
  return out;
}
