// Test support: where the shared public fixtures are (../shared/fixtures beside the project, as in CI's clone).
import fs from 'node:fs';
import path from 'node:path';

function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('project root not found above ' + __dirname);
}

/** `$ROOTSMITH_FIXTURES`, else `../shared/fixtures` next to the project root. */
export function fixturesDir(...parts: string[]): string {
  const base = process.env.ROOTSMITH_FIXTURES ?? path.resolve(projectRoot(), '..', 'shared', 'fixtures');
  return path.join(base, ...parts);
}
