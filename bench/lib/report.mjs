// Shared pieces of the benchmark scripts: statistics, the machine description, and writing a
// section of docs/benchmarks.md (each benchmark owns one section, replaced on every run).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function describeMachine() {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' })
      .split('\n')[0]
      .trim();
  } catch {
    // Chromium is optional for benchmarks that do not drive a browser.
  }
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${chromium}, load average ${loadavg()[0].toFixed(1)} at the start of the run`;
}

export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Replaces (or appends) the section `## <title>` of docs/benchmarks.md. */
export function writeSection(repoRoot, title, body) {
  const file = join(repoRoot, 'docs', 'benchmarks.md');
  const header = '# Benchmarks\n\nEach section is rewritten by the script named in it. Figures come from one run on the machine named; compare ratios within a run, not across machines.\n';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = current.indexOf(heading);
  let next;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = current.slice(0, start) + section + (after === -1 ? '' : `\n${current.slice(after + 1)}`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}
