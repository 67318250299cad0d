// CPU and memory of processes from /proc (Linux): utime+stime ticks and resident set size, with a
// process's children included (the SFU's mediasoup workers are children of the SFU process).
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      rssPages: Number(fields[21]),
    };
  } catch {
    return null;
  }
}

/** The pid and all its descendants now alive. */
export function processTree(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(entry);
    if (s) parents.set(Number(entry), s.ppid);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i += 1)
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** A snapshot of CPU ticks and RSS summed over a process tree. */
export function sampleTree(rootPid, { withChildren = true } = {}) {
  let ticks = 0;
  let rssBytes = 0;
  for (const pid of withChildren ? processTree(rootPid) : [rootPid]) {
    const s = stat(pid);
    if (!s) continue;
    ticks += s.ticks;
    rssBytes += s.rssPages * 4096;
  }
  return { at: Date.now(), ticks, rssBytes };
}

/** % of one core used between two samples, and the later sample's RSS in MiB. */
export function usageBetween(before, after) {
  const seconds = (after.at - before.at) / 1000;
  return {
    cpuPercent: ((after.ticks - before.ticks) / TICKS_PER_SECOND / seconds) * 100,
    rssMiB: after.rssBytes / 2 ** 20,
  };
}
