import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store';
import { tempDir } from './test-helpers';

const CHILD = fileURLToPath(new URL('./test-race-child.ts', import.meta.url));

function runChild(args: string[]): Promise<{ won?: string[]; error?: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(output.trim().split('\n').pop() ?? '{}'));
      } catch (error) {
        reject(new Error(`The child printed no result: ${output} (${String(error)})`));
      }
    });
  });
}

describe('SqliteStore shared by two processes', () => {
  let temp: ReturnType<typeof tempDir>;

  beforeEach(() => {
    temp = tempDir();
  });

  afterEach(() => {
    temp.cleanup();
  });

  it('creates one new file from both at once and settles each job in exactly one of them', async () => {
    const path = temp.file();
    const count = 300;
    const startAt = String(Date.now() + 3000);
    const [a, b] = await Promise.all([
      runChild([path, 'a', String(count), startAt, 'forward']),
      runChild([path, 'b', String(count), startAt, 'backward']),
    ]);
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    const wonA = new Set(a.won);
    const wonB = new Set(b.won);
    expect(wonA.size + wonB.size).toBe(count);
    expect(wonA.size).toBeGreaterThan(0);
    expect(wonB.size).toBeGreaterThan(0);
    expect([...wonA].filter((ref) => wonB.has(ref))).toEqual([]);

    const store = openSqliteStore(path)._unsafeUnwrap();
    const jobs = (await store.list())._unsafeUnwrap();
    expect(jobs).toHaveLength(count);
    for (const job of jobs) {
      const winner = wonA.has(job.state.ref) ? 'a' : 'b';
      expect(job.outcome).toMatchObject({ type: 'job', job: { result: { winner } } });
    }
    await store.close();
  }, 30_000);
});
