/**
 * A token bucket: `burst` tokens at once, refilled at `perSecond`. The per-message and per-byte
 * limits of both live endpoints (/collab frames and meeting-channel events). Ours rather than a
 * library's because it sits on the hot path of every frame and must answer synchronously, in order.
 */
export class TokenBucket {
	readonly burst: number;
	readonly perSecond: number;
	#tokens: number;
	#refilledAt = performance.now();

	constructor(options: { burst: number; perSecond: number }) {
		this.burst = options.burst;
		this.perSecond = options.perSecond;
		this.#tokens = options.burst;
	}

	/**
	 * Takes `count` tokens (one event, or a message's bytes): false, taking none, when the sender is
	 * going faster than it may.
	 */
	take(count = 1): boolean {
		const now = performance.now();
		const refill = ((now - this.#refilledAt) / 1000) * this.perSecond;
		this.#tokens = Math.min(this.burst, this.#tokens + refill);
		this.#refilledAt = now;
		if (this.#tokens < count) return false;
		this.#tokens -= count;
		return true;
	}
}
