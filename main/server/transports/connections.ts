/** Counts of live connections by kind, for health, metrics and the console. */
export interface ConnectionCounts {
  sse: number;
  ws_v2: number;
  ws_v2_admin: number;
  ws_legacy: number;
}

export interface ConnectionRegistry {
  counts(): ConnectionCounts;
  add(kind: keyof ConnectionCounts): void;
  remove(kind: keyof ConnectionCounts): void;
}

export function createConnectionRegistry(): ConnectionRegistry {
  const c: ConnectionCounts = { sse: 0, ws_v2: 0, ws_v2_admin: 0, ws_legacy: 0 };
  return {
    counts: () => ({ ...c }),
    add: (kind) => {
      c[kind] += 1;
    },
    remove: (kind) => {
      c[kind] = Math.max(0, c[kind] - 1);
    },
  };
}
