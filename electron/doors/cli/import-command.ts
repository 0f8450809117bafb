// `codomyrmex import UPSTREAM-DIR [--into DIR] [--json]`: a Python Codomyrmex data folder's workflows, projects and
// sessions become registered projects (copied under DIR), YAML workflow files and sessions; the folder is only read.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { readUpstreamFolder, relativeTo, upstreamLayoutHint } from '../../engine/projects/upstream-folder.js';
import { importUpstreamFolder, type ImportItem, type ImportReport } from '../../engine/projects/upstream-import.js';
import { EXIT, UsageError, type CliValues } from './command-line.js';

export async function importCommand(dir: string, values: CliValues): Promise<number> {
  const source = resolve(dir);
  if (!existsSync(source)) throw new UsageError(`${dir}: no such folder`);
  if (!statSync(source).isDirectory()) throw new UsageError(`${dir}: not a folder (give the folder the upstream's managers ran in)`);
  // Beside the source by default, never inside it: the upstream folder stays exactly as it was.
  const into = resolve(values.into ?? join(dirname(source), `${basename(source)}-imported`));
  if (into === source || into.startsWith(`${source}${sep}`)) throw new UsageError(`--into ${into} is inside ${source}; import writes nothing into the upstream folder, give a folder outside it`);
  const folder = readUpstreamFolder(source);
  if (folder === null) throw new UsageError(`${dir}: not an upstream Codomyrmex data folder (${upstreamLayoutHint()})`);
  const engine = new OrchestrationEngine();
  let report: ImportReport;
  try {
    report = importUpstreamFolder(engine, folder, into);
  } finally {
    await engine.close();
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printReport(report);
  return report.failed.length === 0 ? EXIT.ok : EXIT.failed;
}

function printReport(report: ImportReport): void {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const where = (item: ImportItem): string => relativeTo(report.source, item.file);
  out(`Imported ${report.source} into ${report.into}`);
  if (report.converted.length > 0) {
    out(`Converted ${report.converted.length}:`);
    for (const item of report.converted) out(`  ${item.kind.padEnd(8)} ${item.name}  ${where(item)} → ${to(report, item)}${item.reason ? `  (${item.reason})` : ''}`);
  }
  if (report.skipped.length > 0) {
    out(`Skipped ${report.skipped.length}, already present:`);
    for (const item of report.skipped) out(`  ${item.kind.padEnd(8)} ${item.name}  ${where(item)}: ${item.reason ?? 'already present'}`);
  }
  if (report.failed.length > 0) {
    out(`Could not convert ${report.failed.length}:`);
    for (const item of report.failed) out(`  ${item.kind.padEnd(8)} ${item.name}  ${where(item)}: ${item.reason ?? 'unknown reason'}`);
  }
  for (const note of report.notes) out(`note: ${note}`);
  if (report.converted.length + report.skipped.length + report.failed.length === 0) out('Nothing to import: the folder holds no workflows, projects or sessions.');
}

function to(report: ImportReport, item: ImportItem): string {
  if (item.kind === 'session' || item.to === undefined) return item.to ?? '';
  const path = relative(report.into, item.to);
  return path.startsWith('..') ? item.to : path;
}
