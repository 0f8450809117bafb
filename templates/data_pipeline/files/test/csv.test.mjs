import assert from 'node:assert/strict';
import test from 'node:test';
import { parseCsv } from '../pipelines/lib/csv.mjs';

test('quoted fields keep their commas and doubled quotes', () => {
  const { header, rows } = parseCsv('a,b\n1,"x, ""y"""\n');
  assert.deepEqual(header, ['a', 'b']);
  assert.deepEqual(rows, [['1', 'x, "y"']]);
});

test('CRLF line ends and blank lines are tolerated', () => {
  assert.deepEqual(parseCsv('a,b\r\n1,2\r\n\r\n3,4').rows, [['1', '2'], ['3', '4']]);
});

test('an empty cell stays an empty string', () => {
  assert.deepEqual(parseCsv('a,b,c\n1,,3\n').rows, [['1', '', '3']]);
});
