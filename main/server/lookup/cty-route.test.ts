import { describe, expect, it } from 'vitest';
import { CTY_IMPORT_BODY_BYTES, CTY_IMPORT_PATH, lookupRoutes as ROUTES } from './routes.js';
import { MAX_CTY_BYTES } from './service.js';

describe('the country-file import route', () => {
  it('reads a body large enough for the largest cty.csv the lookups accept', () => {
    const route = ROUTES.find((r) => r.path === CTY_IMPORT_PATH);
    expect(route?.operation).toBe('admin.import_cty');
    expect(route?.maxBodyBytes).toBe(CTY_IMPORT_BODY_BYTES);
    expect(CTY_IMPORT_BODY_BYTES).toBeGreaterThanOrEqual(MAX_CTY_BYTES + 1024 * 1024);
  });
});
