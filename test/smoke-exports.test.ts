// Imports what each package ships (its built dist, through its package.json exports) in a plain Node process,
// the way a user's code would, and checks the main entry points are there.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const expectations: Record<string, string[]> = {
  '@asyncjob/core': [
    'waitForJob',
    'watchJob',
    'createJobRegistry',
    'createJobClient',
    'configFromEnv',
    'createJobTracker',
  ],
  '@asyncjob/core/http': ['createHttpClient', 'requestJson', 'encodePathSegment'],
  '@asyncjob/core/test': ['createFakeClock', 'scriptedClient', 'loadFixture'],
  '@asyncjob/revor': ['createRevor', 'revorFactory'],
  '@asyncjob/outx': ['createOutx', 'outxFactory'],
  '@asyncjob/oration': ['createOration', 'orationFactory'],
  '@asyncjob/revkeen': ['createRevkeen', 'revkeenFactory'],
  '@asyncjob/simulator': ['startSimulator'],
};

describe('what the packages ship', () => {
  it.each(Object.entries(expectations))('%s exports its entry points as ESM', (specifier, names) => {
    const script = `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const exported = JSON.parse(run.stdout) as string[];
    for (const name of names) expect(exported).toContain(name);
  });
});
