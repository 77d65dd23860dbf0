import { SCHEMA_VERSION, type ModelEntry, type RunManifest } from '../core/manifest.js';
import type { Provider } from '../providers/types.js';

/**
 * Removes credentials from an endpoint before it is recorded: user info, and query
 * parameters whose names suggest a key or token.
 */
export function scrubEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return endpoint;
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (/key|token|secret|auth|sig|password/i.test(name)) url.searchParams.set(name, 'REDACTED');
  }
  return url.toString().replace(/\/$/, endpoint.endsWith('/') ? '/' : '');
}

export function modelEntry(p: Provider, apiKeyEnv?: string): ModelEntry {
  return {
    spec: p.id,
    kind: p.kind,
    model: p.model,
    endpoint: scrubEndpoint(p.endpoint),
    ...(apiKeyEnv && { apiKeyEnv }),
  };
}

export type ManifestInput = Omit<RunManifest, 'schemaVersion'>;

export function buildManifest(input: ManifestInput): RunManifest {
  return { schemaVersion: SCHEMA_VERSION, ...input };
}
