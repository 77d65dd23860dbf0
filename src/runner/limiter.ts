/**
 * Spaces request starts to at most `rps` per second for one endpoint.
 * Shared by all workers of that endpoint.
 */
export class RateGate {
  private next = 0;
  constructor(
    private readonly rps: number | undefined,
    private readonly now: () => number,
  ) {}

  /** Milliseconds the caller must wait before starting; reserves its slot. */
  reserve(): number {
    if (!this.rps || this.rps <= 0) return 0;
    const t = this.now();
    const start = Math.max(t, this.next);
    this.next = start + 1000 / this.rps;
    return start - t;
  }
}
