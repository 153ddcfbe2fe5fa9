import { describe, expect, it } from 'vitest';
import { measureHeap } from '../memory';

describe('the memory child process', () => {
  it('starts with the GC exposed and reports the heap empty, with the partner objects, and with a matcher', async () => {
    const readings = await measureHeap(2_000);
    expect(readings.partners).toBe(2_000);
    for (const reading of [readings.empty, readings.objects, readings.matcher]) {
      expect(reading.heapUsed).toBeGreaterThan(0);
      expect(reading.arrayBuffers).toBeGreaterThanOrEqual(0);
    }
    // 2,000 partner objects take far more than the collector's noise.
    expect(readings.objects.heapUsed).toBeGreaterThan(readings.empty.heapUsed + 2_000 * 100);
  }, 30_000);
});
