// A small CSV reader (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks).
import { existsSync, readFileSync } from 'node:fs';

/** Reads and parses a CSV file; a missing file ends the process with one line, not a stack trace. */
export function readCsv(file) {
  if (!existsSync(file)) {
    console.error('no such file: ' + file);
    process.exit(1);
  }
  return parseCsv(readFileSync(file, 'utf8'));
}

/** Parses CSV text into a trimmed header and rows of raw string cells; blank lines are ignored. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rows] = records.filter((r) => r.length > 1 || r[0].trim() !== '');
  return { header: header.map((name) => name.trim()), rows };
}
