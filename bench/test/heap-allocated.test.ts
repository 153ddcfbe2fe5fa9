import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_MB, allocationFlags, bytesAllocated } from '../heap-allocated';
import { SOURCE_ARGS } from '../matcher-at';
import { measureRecommendAllocated } from '../memory';
import { REPO_ROOT } from '../report';

const FIXTURE = fileURLToPath(new URL('./fixtures/allocate.ts', import.meta.url));

async function fixture(flags: readonly string[], mode: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, ...SOURCE_ARGS, FIXTURE, mode], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('the allocation measure', () => {
  it('finds the known sizes of array slots and typed array elements, and nothing where nothing is allocated', async () => {
    const calibration = await fixture(allocationFlags(SEMI_SPACE_MB), 'calibrate');
    expect(calibration.error).toBeUndefined();
    expect(calibration.bytesPerSlot).toBeCloseTo(calibration.expectedBytesPerSlot as number, 1);
    expect(calibration.bytesPerFloat).toBeCloseTo(8, 2);
    expect(Math.abs(calibration.nothing as number)).toBeLessThan(16);
  }, 60_000);

  it('counts a small object of three fields as 48 bytes', async () => {
    const reading = await fixture(allocationFlags(SEMI_SPACE_MB), 'objects');
    expect(reading.bytesPerCall).toBeCloseTo(48, 0);
  }, 60_000);

  it('refuses a sample during which a collection ran, rather than counting what it freed', async () => {
    const outcome = await fixture(['--expose-gc'], 'overflow');
    expect(outcome.error).toMatch(/a collection ran while measuring 100 calls .*larger young generation/);
  }, 60_000);

  it('needs the collector exposed', async () => {
    await expect(bytesAllocated(() => ({}), { warmup: 0, calls: 1, samples: 1 })).rejects.toThrow(/--expose-gc/);
  });
});

describe('the allocations of one recommend', () => {
  it("are measured on the demo registry over this tree's matcher, after checking the measure", async () => {
    const result = await measureRecommendAllocated();
    expect(result.partners).toBeGreaterThan(500);
    expect(result.matches).toHaveLength(3);
    for (const matches of result.matches) expect(matches).toBeGreaterThan(0);
    expect(result.calibration.bytesPerFloat).toBeCloseTo(8, 2);
    expect(result.recommend.samples).toHaveLength(15);
    // Validating, searching and explaining ten matches takes kilobytes, and the samples agree.
    expect(result.recommend.bytesPerCall).toBeGreaterThan(5_000);
    expect(Math.max(...result.recommend.samples) / Math.min(...result.recommend.samples)).toBeLessThan(1.1);
  }, 120_000);
});
