import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkDockerfile, loadRepo, repoRoot } from './check-manifests.mjs';

const repo = loadRepo();

/** The repository's Dockerfile with `edit` applied, checked against the real workspaces. */
function checkEdited(edit) {
  const dockerfile = edit(repo.dockerfile);
  assert.notEqual(dockerfile, repo.dockerfile, 'the edit must change the Dockerfile');
  return checkDockerfile({ ...repo, dockerfile });
}

test('the Dockerfile copies every workspace manifest, build input and runtime package', () => {
  assert.deepEqual(checkDockerfile(repo), []);
});

test('the command line passes on the repository', () => {
  const out = execFileSync(process.execPath, [join(repoRoot, 'infra/docker/check-manifests.mjs')], {
    encoding: 'utf8',
  });
  assert.match(out, /every workspace/);
});

test('a workspace manifest missing before npm ci is named', () => {
  const problems = checkEdited((text) =>
    text.replace('COPY packages/imaging/package.json packages/imaging/\n', ''),
  );
  assert.ok(
    problems.some((p) => p.startsWith('no COPY of packages/imaging/package.json before npm ci')),
    problems.join('\n'),
  );
});

test('a new workspace the Dockerfile does not know is named', () => {
  const added = {
    dir: 'packages/triage',
    pkg: { name: '@teleconsult/triage' },
    entries: ['package.json', 'src'],
  };
  const problems = checkDockerfile({ ...repo, workspaces: [...repo.workspaces, added] });
  assert.deepEqual(problems, [
    'no COPY of packages/triage/package.json before npm ci (every workspace of the lockfile needs it)',
  ]);
});

test("a build dependency's sources and tsconfigs missing are named", () => {
  const problems = checkEdited((text) =>
    text
      .replace('COPY packages/scheduling/src packages/scheduling/src\n', '')
      .replace('COPY packages/clinical/tsconfig*.json packages/clinical/\n', ''),
  );
  assert.ok(
    problems.includes(
      'no COPY of packages/scheduling/src (a build input of @teleconsult/scheduling, turbo.json)',
    ),
  );
  assert.ok(
    problems.includes(
      'no COPY of packages/clinical/tsconfig.json (a build input of @teleconsult/clinical, turbo.json)',
    ),
  );
  assert.ok(
    problems.includes(
      'no COPY of packages/clinical/tsconfig.build.json (a build input of @teleconsult/clinical, turbo.json)',
    ),
  );
});

test('a package the api loads at run time missing from the runtime tree is named', () => {
  const problems = checkEdited((text) => text.replace(/(for dir in [^;]*)packages\/clinical /, '$1'));
  assert.ok(
    problems.includes(
      'packages/clinical (@teleconsult/clinical) is loaded at run time but missing from the /app assembly loop',
    ),
    problems.join('\n'),
  );
});

test("the demo target's simulator missing from every assembly loop is named", () => {
  const problems = checkEdited((text) => text.replace('for dir in apps/bedside-sim;', 'for dir in ;'));
  assert.ok(
    problems.includes(
      'apps/bedside-sim (@teleconsult/bedside-sim) is loaded by the demo target but copied by no assembly loop',
    ),
    problems.join('\n'),
  );
});

test('the check reads COPY lines with continuations, globs and whole directories', () => {
  const workspaces = [
    {
      dir: 'apps/api',
      pkg: { name: 'a', scripts: { build: 'tsc' } },
      entries: ['package.json', 'src', 'tsconfig.json'],
    },
  ];
  const dockerfile = [
    'FROM x AS builder',
    'COPY package.json \\',
    '     apps/api/package.json ./',
    'COPY apps/api/tsconfig*.json apps/api/',
    'COPY apps/ apps/',
    'RUN npx turbo run build --filter=a',
    'RUN for dir in apps/api; do cp -a "$dir" /app/; done',
  ].join('\n');
  assert.deepEqual(
    checkDockerfile({ dockerfile, workspaces, buildInputs: ['src/**', 'tsconfig*.json'] }),
    [],
  );
});
