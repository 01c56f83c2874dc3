import { describe, expect, it } from 'vitest';
import { measureSdkBundle, SDK_BUNDLE_BUDGET_BYTES } from './sdk-bundle.js';

describe('SDK browser bundle', () => {
  it('builds a small logger with the SDK, without zod, within the size budget', async () => {
    const r = await measureSdkBundle();
    expect(r.code).toContain('/ws/connect');
    expect(r.code).not.toMatch(/ZodError|zod/i);
    expect(r.gzip).toBeLessThanOrEqual(SDK_BUNDLE_BUDGET_BYTES);
  }, 120_000);
});
