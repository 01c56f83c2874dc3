/**
 * Limits of node's HTTP server itself, set in app.ts and stated in docs/security.md (a test checks the numbers).
 */
export const HTTP_SERVER_LIMITS = {
  /** Request headers must have arrived within this time ... */
  headersTimeoutMs: 70_000,
  /** ... checked this often, so a slow sender is closed between 70 and 75 s after it connected. */
  connectionsCheckingIntervalMs: 5_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 65_000,
  /** Headers past this many are not read (node ignores them; the request is answered without them). */
  maxHeadersCount: 100,
} as const;
