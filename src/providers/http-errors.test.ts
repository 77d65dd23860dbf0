import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProviderError } from '../core/errors.js';
import { errorMessageFromBody, parseRetryAfter, statusError, toProviderError } from './http-errors.js';

test('parseRetryAfter reads seconds, HTTP dates and retry-after-ms', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');
  assert.equal(parseRetryAfter({ 'retry-after': '3' }, now), 3000);
  assert.equal(parseRetryAfter({ 'retry-after': 'Mon, 01 Jan 2024 00:00:10 GMT' }, now), 10_000);
  assert.equal(parseRetryAfter({ 'retry-after': 'Sun, 31 Dec 2023 00:00:00 GMT' }, now), 0);
  assert.equal(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '3' }, now), 250);
  assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
  assert.equal(parseRetryAfter({}, now), undefined);
});

test('statusError classifies by status', () => {
  const cases: [number, string, boolean][] = [
    [408, 'http', true],
    [409, 'http', true],
    [425, 'http', true],
    [429, 'http', true],
    [500, 'http', true],
    [529, 'http', true],
    [400, 'http', false],
    [404, 'http', false],
    [401, 'auth', false],
    [403, 'auth', false],
  ];
  for (const [status, kind, retryable] of cases) {
    const e = statusError(status, {}, '');
    assert.equal(e.kind, kind, `kind of ${status}`);
    assert.equal(e.retryable, retryable, `retryable of ${status}`);
    assert.equal(e.status, status);
  }
});

test('error messages come from the body, truncated', () => {
  assert.equal(errorMessageFromBody('{"error":{"message":"Rate limit reached"}}'), 'Rate limit reached');
  assert.equal(errorMessageFromBody('{"error":"model not found"}'), 'model not found');
  assert.equal(errorMessageFromBody('{"detail":"bad"}'), 'bad');
  assert.equal(errorMessageFromBody('<html>502</html>'), '<html>502</html>');
  assert.ok(errorMessageFromBody('x'.repeat(2000)).length <= 501);
  assert.match(statusError(429, {}, '{"error":{"message":"slow down"}}').message, /^HTTP 429: slow down$/);
});

test('toProviderError: socket codes are transport, timeouts and aborts by reason', () => {
  const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  assert.equal(toProviderError(reset).kind, 'transport');
  assert.equal(toProviderError(reset).retryable, true);
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  assert.equal(toProviderError(refused).kind, 'transport');
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  assert.equal(toProviderError(timeout).kind, 'timeout');
  assert.equal(toProviderError(timeout).retryable, true);
  const c = new AbortController();
  c.abort(new Error('user pressed Ctrl-C'));
  const aborted = toProviderError(new Error('wrapped'), { signal: c.signal });
  assert.equal(aborted.kind, 'aborted');
  assert.equal(aborted.retryable, false);
  assert.equal(toProviderError(new TypeError('boom')).kind, 'protocol');
  const pe = new ProviderError('x', { kind: 'http', retryable: true });
  assert.equal(toProviderError(pe), pe);
});

test('an API key echoed by an endpoint is redacted', () => {
  const e = toProviderError(statusError(401, {}, '{"error":{"message":"Incorrect API key provided: sk-secret-123"}}'), { secret: 'sk-secret-123' });
  assert.equal(e.kind, 'auth');
  assert.ok(!e.message.includes('sk-secret-123'));
  assert.match(e.message, /\[redacted\]/);
});

test('a redirect names its target; TLS failures are not retried; a closed provider is aborted', () => {
  const r = statusError(301, { location: 'https://example.test/v1/chat/completions' }, '');
  assert.match(r.message, /redirected to https:\/\/example\.test/);
  assert.equal(r.retryable, false);
  const tls = toProviderError(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }));
  assert.deepEqual([tls.kind, tls.retryable], ['transport', false]);
  const closed = toProviderError(Object.assign(new Error('destroyed'), { code: 'UND_ERR_DESTROYED' }));
  assert.deepEqual([closed.kind, closed.retryable], ['aborted', false]);
  const invalid = toProviderError(Object.assign(new Error('invalid arg'), { code: 'UND_ERR_INVALID_ARG' }));
  assert.equal(invalid.retryable, false);
});
