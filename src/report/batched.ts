/** Joins small chunks into ~256 KiB pieces (one write per CSV row would dominate the time). */
export async function* batched(chunks: AsyncIterable<string>, size = 1 << 18): AsyncIterable<string> {
  let buf = '';
  for await (const c of chunks) {
    buf += c;
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
