// Reads a numeric CSV and splits its rows into training and test sets, the same way on every run.
import { existsSync, readFileSync } from 'node:fs';

/** A header row of names, then rows of numbers; a missing file ends the process with one line, not a stack trace. */
export function loadTable(file) {
  if (!existsSync(file)) {
    console.error('no such file: ' + file);
    process.exit(1);
  }
  const [headerLine = '', ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = headerLine.split(',').map((name) => name.trim());
  const rows = lines.map((line, i) => {
    const cells = line.split(',').map(Number);
    if (cells.length !== columns.length || cells.some((x) => !Number.isFinite(x))) {
      throw new Error(file + ' row ' + (i + 1) + ' is not ' + columns.length + ' numbers: ' + line);
    }
    return cells;
  });
  return { columns, rows };
}

/** Every fifth row is held out for testing: deterministic, so runs can be compared. */
export function split(rows, every = 5) {
  return {
    train: rows.filter((_, i) => i % every !== every - 1),
    test: rows.filter((_, i) => i % every === every - 1),
  };
}

/** The index of a named column, or an error that lists the columns there are. */
export function columnIndex(table, name) {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new Error('no column "' + name + '" (columns: ' + table.columns.join(', ') + ')');
  return index;
}

export const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
