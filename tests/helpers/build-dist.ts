// Vitest global setup: builds dist/ from the current sources first, so tests that start the
// compiled CLI or bot (as `npm run …` does) never run a stale build. esbuild takes well under a second.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
