// Step outputs: key=value lines appended to the file named by $CODOMYRMEX_OUTPUT (ignored when run by hand).
import { appendFileSync } from 'node:fs';

export function setOutput(key, value) {
  const file = process.env.CODOMYRMEX_OUTPUT;
  if (file) appendFileSync(file, key + '=' + String(value) + '\n');
}
