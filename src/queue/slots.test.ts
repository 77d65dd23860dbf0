import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Slots } from './slots.js';

test('Slots: at most size holders, in arrival order; a double release frees one slot', async () => {
  const slots = new Slots(2);
  const order: number[] = [];
  const a = await slots.acquire();
  const b = await slots.acquire();
  const c = slots.acquire().then((r) => (order.push(3), r));
  const d = slots.acquire().then((r) => (order.push(4), r));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [], 'both wait while two are held');
  a();
  a();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [3], 'one release lets one in, the first to ask');
  b();
  (await c)();
  (await d)();
  const e = await slots.acquire();
  const f = await slots.acquire();
  let third = false;
  void slots.acquire().then(() => (third = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(third, false, 'all released: size slots again, no more');
  e();
  f();
});
