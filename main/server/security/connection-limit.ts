/**
 * Caps long-lived connections in total and per client address. `acquire` answers a release function, or the
 * scope of the limit that refused it. Any transport may share one instance (SSE uses it).
 */
export class ConnectionLimiter {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(
    /** 0 = no limit */
    private readonly maxTotal: number,
    /** 0 = no limit */
    private readonly maxPerAddress: number,
  ) {}

  /** `address` null: counted against the total only (a trusted proxy's connection carries many callers). */
  acquire(
    address: string | null,
  ): { ok: true; release: () => void } | { ok: false; scope: 'total' | 'address'; limit: number } {
    if (this.maxTotal > 0 && this.total >= this.maxTotal)
      return { ok: false, scope: 'total', limit: this.maxTotal };
    if (address === null) {
      this.total += 1;
      let done = false;
      return {
        ok: true,
        release: () => {
          if (done) return;
          done = true;
          this.total -= 1;
        },
      };
    }
    const mine = this.byAddress.get(address) ?? 0;
    if (this.maxPerAddress > 0 && mine >= this.maxPerAddress) {
      return { ok: false, scope: 'address', limit: this.maxPerAddress };
    }
    this.total += 1;
    this.byAddress.set(address, mine + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const n = (this.byAddress.get(address) ?? 1) - 1;
        if (n <= 0) this.byAddress.delete(address);
        else this.byAddress.set(address, n);
      },
    };
  }

  get open(): number {
    return this.total;
  }

  openFrom(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }
}
