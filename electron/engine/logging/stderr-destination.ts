// The engine's records on stderr: JSON lines for scripts, or one short readable line each on a terminal.
import type { DestinationStream } from 'pino';

interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

const SHOWN_FIRST = ['workflow', 'step'] as const;
const LEFT_OUT = new Set(['time', 'level', 'msg', 'pid', 'executionId', ...SHOWN_FIRST]);

export function stderrDestination(sink: TextSink): DestinationStream {
  if (sink.isTTY !== true) return { write: (line: string) => void sink.write(line) };
  return { write: (line: string) => void sink.write(`${readableLine(line)}\n`) };
}

/** `12:00:01 WARNING step retrying  ci › test  attempt=1 error="exit 1"`. */
export function readableLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toTimeString().slice(0, 8) : '';
  const where = SHOWN_FIRST.map((key) => record[key]).filter((value) => typeof value === 'string').join(' › ');
  const rest = Object.entries(record)
    .filter(([key]) => !LEFT_OUT.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`)
    .join(' ');
  return [time, String(record.level).toUpperCase().padEnd(8), String(record.msg ?? ''), where && ` ${where}`, rest && ` ${rest}`].filter(Boolean).join(' ');
}
