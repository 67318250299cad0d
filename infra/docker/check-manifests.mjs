#!/usr/bin/env node
// Checks infra/docker/Dockerfile against the workspaces, so a new package cannot silently break
// the image again (it did: clinical, imaging and bedside-sim were added and the build and the
// api's start-up failed). Three rules:
//   1. every workspace of package.json / package-lock.json has its package.json copied before
//      `npm ci` (npm ci fails when a workspace of the lockfile is missing);
//   2. every workspace the `turbo run build --filter=…` targets build from has what turbo.json
//      declares as the build's inputs copied (src, tsconfig*.json, index.html, vite.config.ts…);
//   3. every workspace the api and sfu import at run time (their `dependencies`, transitively) is
//      in the loop that assembles /app; the demo target's simulator and its own in any loop.
// Usage: node infra/docker/check-manifests.mjs   (exit 1 and the missing ones on stderr)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');

/** The workspaces that run from the production image, and the demo target's. */
export const RUNTIME_ROOTS = ['@teleconsult/api', '@teleconsult/sfu'];
export const DEMO_ROOTS = ['@teleconsult/bedside-sim'];

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** package.json's workspace globs (`dir/*` or a plain directory) expanded to directories. */
function expandWorkspaceGlobs(root, globs) {
  const dirs = [];
  for (const glob of globs) {
    if (glob.endsWith('/*')) {
      const parent = glob.slice(0, -2);
      if (!existsSync(join(root, parent))) continue;
      for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
        const dir = `${parent}/${entry.name}`;
        if (entry.isDirectory() && existsSync(join(root, dir, 'package.json'))) dirs.push(dir);
      }
    } else if (existsSync(join(root, glob, 'package.json'))) {
      dirs.push(glob);
    }
  }
  return dirs;
}

/**
 * Every workspace, from package.json's globs and from the lockfile (a workspace only the lockfile
 * still lists breaks `npm ci` all the same), with its manifest and top-level entries.
 */
export function loadRepo(root = repoRoot) {
  const rootPkg = readJson(join(root, 'package.json'));
  const lock = readJson(join(root, 'package-lock.json'));
  const lockDirs = Object.keys(lock.packages ?? {}).filter(
    (key) => key !== '' && !key.includes('node_modules/'),
  );
  const dirs = [...new Set([...expandWorkspaceGlobs(root, rootPkg.workspaces ?? []), ...lockDirs])].sort();
  const workspaces = dirs.map((dir) => {
    const manifest = join(root, dir, 'package.json');
    const pkg = existsSync(manifest) ? readJson(manifest) : { name: lock.packages[dir]?.name };
    const entries = existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : [];
    return { dir, pkg, entries };
  });
  const turbo = readJson(join(root, 'turbo.json'));
  return {
    dockerfile: readFileSync(join(root, 'infra/docker/Dockerfile'), 'utf8'),
    workspaces,
    buildInputs: turbo.tasks?.build?.inputs ?? [],
  };
}

/** Instructions with their continuation lines joined, comments dropped, each with its stage. */
export function parseDockerfile(text) {
  const instructions = [];
  let stage = null;
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line.startsWith('#') || line === '')) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    const [keyword] = full.split(/\s+/, 1);
    const instruction = { keyword: keyword.toUpperCase(), args: full.slice(keyword.length).trim(), stage };
    if (instruction.keyword === 'FROM') {
      stage = /\bAS\s+(\S+)\s*$/i.exec(instruction.args)?.[1] ?? null;
      instruction.stage = stage;
    }
    instructions.push(instruction);
  }
  return instructions;
}

/** Sources of the COPY instructions that take files from the build context (not --from). */
function contextCopySources(instructions) {
  const sources = [];
  for (const { keyword, args } of instructions) {
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const words = args.split(/\s+/);
    if (words.some((word) => word.startsWith('--from'))) continue;
    const paths = words.filter((word) => !word.startsWith('--'));
    sources.push(...paths.slice(0, -1).map((path) => path.replace(/^\.\//, '').replace(/\/$/, '')));
  }
  return sources;
}

function globToRegExp(glob) {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\0')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped.replace(/\0/g, '.*')}$`);
}

/** Whether a COPY of `source` brings `path` (the path itself, a glob matching it, or a parent). */
function copies(sources, path) {
  return sources.some(
    (source) =>
      source === '.' || path === source || path.startsWith(`${source}/`) || globToRegExp(source).test(path),
  );
}

/** The workspaces `roots` reach through the given dependency fields, roots included. */
export function workspaceClosure(workspaces, roots, fields) {
  const byName = new Map(workspaces.map((ws) => [ws.pkg.name, ws]));
  const seen = new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift();
    const ws = byName.get(name);
    if (!ws || seen.has(ws)) continue;
    seen.add(ws);
    for (const field of fields) queue.push(...Object.keys(ws.pkg[field] ?? {}));
  }
  return [...seen];
}

/** The directories of each `for dir in a b c; do` loop, with the RUN's stage. */
function copyLoops(instructions) {
  const loops = [];
  for (const { keyword, args } of instructions) {
    if (keyword !== 'RUN') continue;
    for (const match of args.matchAll(/\bfor\s+\w+\s+in\s+([^;]*);\s*do\b([^]*?)\bdone\b/g)) {
      loops.push({ dirs: match[1].trim().split(/\s+/), body: match[2] });
    }
  }
  return loops;
}

/** The problems found, one sentence each naming what is missing; empty when the image is whole. */
export function checkDockerfile({ dockerfile, workspaces, buildInputs }) {
  const problems = [];
  const instructions = parseDockerfile(dockerfile);
  const sources = contextCopySources(instructions);

  for (const { dir } of workspaces) {
    if (!copies(sources, `${dir}/package.json`))
      problems.push(
        `no COPY of ${dir}/package.json before npm ci (every workspace of the lockfile needs it)`,
      );
  }

  const buildTargets = [
    ...new Set(
      instructions
        .filter((i) => i.keyword === 'RUN' && /\bturbo\s+run\s+build\b/.test(i.args))
        .flatMap((i) =>
          [...i.args.matchAll(/--filter[= ](\S+)/g)].map((m) => m[1].replace(/^['"]|['"]$/g, '')),
        ),
    ),
  ];
  if (buildTargets.length === 0) problems.push('no `turbo run build --filter=…` step found');
  const buildSet = workspaceClosure(workspaces, buildTargets, ['dependencies', 'devDependencies']).filter(
    (ws) => ws.pkg.scripts?.build,
  );
  for (const ws of buildSet) {
    for (const input of buildInputs) {
      const top = input.split('/')[0];
      for (const entry of ws.entries.filter((name) => globToRegExp(top).test(name))) {
        if (!copies(sources, `${ws.dir}/${entry}`))
          problems.push(`no COPY of ${ws.dir}/${entry} (a build input of ${ws.pkg.name}, turbo.json)`);
      }
    }
  }
  for (const target of buildTargets) {
    if (!workspaces.some((ws) => ws.pkg.name === target))
      problems.push(`turbo --filter=${target} names no workspace`);
  }

  const loops = copyLoops(instructions);
  const appLoop = loops.find((loop) => /\/app\b/.test(loop.body) && loop.dirs.includes('apps/api'));
  if (!appLoop)
    problems.push('no `for dir in … apps/api …; do … /app …; done` loop assembling the runtime tree');
  for (const ws of workspaceClosure(workspaces, RUNTIME_ROOTS, ['dependencies'])) {
    if (appLoop && !appLoop.dirs.includes(ws.dir))
      problems.push(
        `${ws.dir} (${ws.pkg.name}) is loaded at run time but missing from the /app assembly loop`,
      );
  }
  if (instructions.some((i) => i.keyword === 'FROM' && i.stage === 'demo')) {
    const looped = new Set(loops.flatMap((loop) => loop.dirs));
    for (const ws of workspaceClosure(workspaces, DEMO_ROOTS, ['dependencies'])) {
      if (!looped.has(ws.dir))
        problems.push(
          `${ws.dir} (${ws.pkg.name}) is loaded by the demo target but copied by no assembly loop`,
        );
    }
  }
  return [...new Set(problems)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = checkDockerfile(loadRepo());
  const where = relative(process.cwd(), join(repoRoot, 'infra/docker/Dockerfile')) || 'Dockerfile';
  if (problems.length > 0) {
    console.error(
      `${where} is out of step with the workspaces:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`${where}: every workspace's manifest, build inputs and runtime files are copied`);
}
