/**
 * Log-in rate limit, in memory (one process; a multi-instance deployment would move it to the
 * database or Redis): at most `max` failed log-ins per (email, client address) in a sliding
 * `windowMs`. A success clears the key. Keying on both means an attacker spraying one account
 * from many addresses is limited per address, and one address cannot lock a victim out of
 * other addresses.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();
  constructor(
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Seconds until the next attempt is allowed; 0 when allowed now. */
  retryAfterS(key: string, now = Date.now()): number {
    const list = this.#recent(key, now);
    if (list.length < this.max) return 0;
    return Math.ceil((list[0]! + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
