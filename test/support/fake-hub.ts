import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRepo {
  sha: string;
  files: Record<string, Buffer>;
  /** Advertise this sha256 instead of the real one (to test a mismatch). */
  wrongSha256?: Record<string, string>;
}

export interface FakeHubOptions {
  repos: Record<string, FakeRepo>;
  /** The first N downloads of a file send only this many bytes, then drop the connection. */
  cut?: { bytes: number; times: number };
  /** Leave lfs.sha256 out of the API answer; the checksum then comes from X-Linked-Etag. */
  noLfsInApi?: boolean;
}

export interface FakeHub {
  url: string;
  calls: Array<{ method: string; path: string; range?: string }>;
  close(): Promise<void>;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A Hugging Face Hub stand-in on 127.0.0.1: `/api/models/<repo>` and `/<repo>/resolve/<rev>/<file>` with Range support. */
export async function startFakeHub(o: FakeHubOptions): Promise<FakeHub> {
  const calls: FakeHub['calls'] = [];
  let cutsLeft = o.cut?.times ?? 0;
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    calls.push({ method: req.method ?? 'GET', path, ...(req.headers.range && { range: req.headers.range }) });
    const api = /^\/api\/models\/([^/]+\/[^/]+)$/.exec(path);
    if (api) {
      const repo = o.repos[api[1]!];
      if (!repo) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Repository not found"}');
      const siblings = Object.entries(repo.files).map(([name, data]) => ({
        rfilename: name,
        size: data.length,
        ...(!o.noLfsInApi && { lfs: { sha256: repo.wrongSha256?.[name] ?? sha256(data), size: data.length } }),
      }));
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: api[1], sha: repo.sha, siblings }));
    }
    const file = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const repo = file ? o.repos[file[1]!] : undefined;
    const data = file && repo && (file[2] === repo.sha || file[2] === 'main') ? repo.files[file[3]!] : undefined;
    if (!file || !repo || !data) return void res.writeHead(404).end('Entry not found');
    const etag = `"${repo.wrongSha256?.[file[3]!] ?? sha256(data)}"`;
    if (req.method === 'HEAD') return void res.writeHead(302, { 'x-linked-etag': etag, location: path }).end();
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) start = Number(range[1]);
    if (start >= data.length && data.length > 0) return void res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
    const body = data.subarray(start);
    res.writeHead(range ? 206 : 200, {
      'content-length': String(body.length),
      'content-type': 'application/octet-stream',
      ...(range && { 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` }),
    });
    if (cutsLeft > 0 && o.cut && body.length > o.cut.bytes) {
      cutsLeft--;
      res.write(body.subarray(0, o.cut.bytes), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
