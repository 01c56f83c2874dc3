/** Builders for unit tests of the caller page's pure logic. */
import { entry } from '../../shared/protocol/fixtures.test-util.js';
import { emptyState, type PublicState } from './state.js';

export { entry, lookup, qso, worked } from '../../shared/protocol/fixtures.test-util.js';

export function stationWith(queue: string[], extra: Partial<PublicState> = {}): PublicState {
  const base = emptyState();
  return {
    ...base,
    system: { active: true, paused: false },
    queue: {
      queue: queue.map((c, i) => entry(c, i + 1)),
      total: queue.length,
      max_size: 10,
      system_active: true,
    },
    ...extra,
  };
}
