/** Fan-out budget for queue_update: bytes per second across all subscribers, before updates are spaced out. */
const QUEUE_UPDATE_BUDGET_BYTES_PER_S = 64 * 1024 * 1024;
/** A rough size of one queue entry on the wire, for the budget. */
const QUEUE_ENTRY_WIRE_BYTES = 600;

/**
 * How long the transports want between two queue_update events listing this many entries, so that sending
 * them to every subscriber (SSE and both WebSocket protocols) stays within about 64 MiB/s.
 */
export function queueUpdateFanoutSpacingMs(listedEntries: number, subscribers: number): number {
  const bytes = 200 + listedEntries * QUEUE_ENTRY_WIRE_BYTES;
  return ((bytes * subscribers) / QUEUE_UPDATE_BUDGET_BYTES_PER_S) * 1000;
}
