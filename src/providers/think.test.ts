import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnswer, mergeReasoning, splitThink } from './think.js';

test('no tags: text only, reasoning undefined', () => {
  assert.deepEqual(splitThink('  plain answer \n'), { text: 'plain answer' });
});

test('a closed block is split off', () => {
  assert.deepEqual(splitThink('<think>\nweighing it\n</think>\n\nThe answer.'), { text: 'The answer.', reasoning: 'weighing it' });
});

test('no opening tag (opened by the chat template)', () => {
  assert.deepEqual(splitThink('weighing it\n</think>\nThe answer.'), { text: 'The answer.', reasoning: 'weighing it' });
});

test('an opened block never closed is all reasoning', () => {
  assert.deepEqual(splitThink('<think>still thinking when cut off'), { text: '', reasoning: 'still thinking when cut off' });
});

test('an empty block is an empty trace, not a missing one', () => {
  assert.deepEqual(splitThink('<think>\n\n</think>\n\nI cannot discuss that.'), { text: 'I cannot discuss that.', reasoning: '' });
});

test('several blocks are joined', () => {
  assert.deepEqual(splitThink('<think>a</think>x <think>b</think>y'), { text: 'x y', reasoning: 'a\n\nb' });
});

test('mergeReasoning keeps undefined vs empty apart', () => {
  assert.equal(mergeReasoning(undefined, undefined), undefined);
  assert.equal(mergeReasoning('', undefined), '');
  assert.equal(mergeReasoning(' r ', undefined), 'r');
  assert.equal(mergeReasoning('f', 'i'), 'f\n\ni');
  assert.equal(mergeReasoning(undefined, ''), '');
});

test('buildAnswer combines a reasoning field with inline tags', () => {
  assert.deepEqual(buildAnswer('<think>t</think>ans', 'field'), { text: 'ans', reasoning: 'field\n\nt' });
  assert.deepEqual(buildAnswer('ans', undefined), { text: 'ans' });
});
