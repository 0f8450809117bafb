import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slugify, titleCase, truncate, wordCount } from '../src/index.js';

describe('slugify', () => {
  test('joins words with dashes and drops punctuation', () => assert.equal(slugify('Hello, World!'), 'hello-world'));
  test('drops accents', () => assert.equal(slugify('Crème brûlée'), 'creme-brulee'));
  test('trims dashes at both ends', () => assert.equal(slugify('  --a b--  '), 'a-b'));
});

describe('titleCase', () => {
  test('capitalises every word', () => assert.equal(titleCase('the QUICK brown-fox'), 'The Quick Brown-Fox'));
});

describe('truncate', () => {
  test('leaves short text alone', () => assert.equal(truncate('short', 10), 'short'));
  test('cuts long text and adds the ellipsis within the limit', () => {
    const cut = truncate('A long sentence', 8);
    assert.equal(cut, 'A long…');
    assert.ok(cut.length <= 8);
  });
  test('refuses a negative limit', () => assert.throws(() => truncate('x', -1), RangeError));
});

describe('wordCount', () => {
  test('counts words with apostrophes as one', () => assert.equal(wordCount("It's two words"), 3));
  test('is zero for blank text', () => assert.equal(wordCount('   '), 0));
});
