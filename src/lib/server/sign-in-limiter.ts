import { Redis } from 'ioredis';
import {
	RateLimiterMemory,
	RateLimiterRedis,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';

/** How long failures are remembered, and how long a lock lasts: 15 minutes. */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/**
 * The limits, each per 15 minutes. An attempt is counted before its password is checked, so
 * however many arrive at once, no more than these are ever checked.
 * - `accountAtAddress`: attempts on one account from one address (the person who mistyped);
 * - `account`: attempts on one account from all addresses together (guessing spread over many
 *   addresses; one address alone can spend only `accountAtAddress` of it, so locking someone out
 *   everywhere takes three addresses);
 * - `accountsFromAddress`: distinct accounts failing from one address (password spraying). Only
 *   this limit locks an address for every account, so a practice behind one NAT address is not
 *   locked out by one colleague's typos.
 */
export const SIGN_IN_LIMITS = { accountAtAddress: 10, account: 30, accountsFromAddress: 20 };

export type SignInLimiterOptions = {
	/** Shares the counts with every process using the same Redis; memory (this process) if unset. */
	redis?: Redis;
	/** Prefixes every key; processes that share counts must share it. Default 'sign-in'. */
	keyPrefix?: string;
};

/** An attempt allowed to check its password; `succeeded()` gives back what it counted. */
export type SignInReservation = { ok: true; succeeded(): Promise<void> };
/** An attempt refused before its password was checked; a lock ends in `retryAfterMs`. */
export type SignInRefusal = { ok: false; retryAfterMs: number };

type Counted = { limiter: RateLimiterAbstract; key: string };

/**
 * Counts sign-in attempts per account, per account and address, and per address across accounts
 * (limits and reasons at SIGN_IN_LIMITS). Each count is one atomic increment (a Lua script in
 * Redis), taken before the password is checked; a success gives its count back (see
 * `succeeded`), so only failures lock anything. When Redis does not answer, each limiter falls
 * back to an in-memory one in this process: sign-in keeps working, limited per process.
 */
export class SignInLimiter {
	readonly #accountAtAddress: RateLimiterAbstract;
	readonly #account: RateLimiterAbstract;
	readonly #accountsFromAddress: RateLimiterAbstract;
	/** One mark per address and account, so that an account counts once per address. */
	readonly #accountSeenFromAddress: RateLimiterAbstract;
	/** Settles once Redis is first ready (or has not been for 1 s): counts until then are local. */
	readonly #connected: Promise<void>;

	constructor(options: SignInLimiterOptions = {}) {
		this.#connected = options.redis ? firstReady(options.redis, 1000) : Promise.resolve();
		const prefix = options.keyPrefix ?? 'sign-in';
		const limiter = (name: string, points: number, blocks: boolean) => {
			const settings = {
				keyPrefix: `${prefix}:${name}`,
				points,
				duration: SIGN_IN_WINDOW_SECONDS,
				blockDuration: blocks ? SIGN_IN_WINDOW_SECONDS : 0
			};
			if (!options.redis) return new RateLimiterMemory(settings);
			return new RateLimiterRedis({
				...settings,
				storeClient: options.redis,
				// Straight to the in-memory insurance while the connection is down, not after retries.
				rejectIfRedisNotReady: true,
				insuranceLimiter: new RateLimiterMemory(settings)
			});
		};
		this.#accountAtAddress = limiter('account-address', SIGN_IN_LIMITS.accountAtAddress, true);
		this.#account = limiter('account', SIGN_IN_LIMITS.account, true);
		this.#accountsFromAddress = limiter('address', SIGN_IN_LIMITS.accountsFromAddress, true);
		this.#accountSeenFromAddress = limiter('address-account', Number.MAX_SAFE_INTEGER, false);
	}

	/**
	 * Counts one attempt for `email` (already normalised) from `address`, before its password is
	 * checked. Refused if any limit is reached; then nothing of this attempt stays counted.
	 */
	async reserve(email: string, address: string): Promise<SignInReservation | SignInRefusal> {
		await this.#connected;
		const counted: Counted[] = [];
		const refuse = async (refusal: { msBeforeNext: number }): Promise<SignInRefusal> => {
			await this.#giveBack(counted);
			return { ok: false, retryAfterMs: Math.max(refusal.msBeforeNext, 1000) };
		};
		for (const [limiter, key] of [
			[this.#accountAtAddress, `${email}|${address}`],
			[this.#account, email]
		] as const) {
			const result = await consume(limiter, key);
			if (!result.ok) return refuse(result);
			counted.push({ limiter, key });
		}
		const seen = await consume(this.#accountSeenFromAddress, `${address}|${email}`);
		if (!seen.ok) return refuse(seen);
		let newAccount = false;
		if (seen.consumedPoints === 1) {
			// The first attempt on this account from this address in the window: one more account.
			newAccount = true;
			const result = await consume(this.#accountsFromAddress, address);
			if (!result.ok) {
				await this.#accountSeenFromAddress.delete(`${address}|${email}`);
				return refuse(result);
			}
			counted.push({ limiter: this.#accountsFromAddress, key: address });
		} else {
			// An account already counted for this address: refused too once the address is locked.
			const state = await this.#accountsFromAddress.get(address);
			if (state && state.consumedPoints > SIGN_IN_LIMITS.accountsFromAddress) return refuse(state);
		}
		return {
			ok: true,
			succeeded: async () => {
				// The right password: this address's earlier typos on the account are forgiven, and the
				// account is no longer one failing from this address. Failures on the account from
				// other addresses still count (only this attempt's point is given back).
				await this.#accountAtAddress.delete(`${email}|${address}`);
				await this.#giveBack(counted.filter((c) => c.limiter !== this.#accountAtAddress));
				if (newAccount) await this.#accountSeenFromAddress.delete(`${address}|${email}`);
			}
		};
	}

	async #giveBack(counted: Counted[]): Promise<void> {
		for (const { limiter, key } of counted) await limiter.reward(key, 1).catch(() => {});
	}
}

/** Resolves when `redis` is ready, or after `ms` if it is not by then. */
function firstReady(redis: Redis, ms: number): Promise<void> {
	if (redis.status === 'ready') return Promise.resolve();
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			redis.off('ready', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		timer.unref();
		redis.once('ready', done);
	});
}

type Consumed = { ok: true; consumedPoints: number } | { ok: false; msBeforeNext: number };

/** One point for `key`; a refusal (rejected with a RateLimiterRes) comes back as `ok: false`. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<Consumed> {
	try {
		const result = await limiter.consume(key, 1);
		return { ok: true, consumedPoints: result.consumedPoints };
	} catch (error) {
		if (error instanceof RateLimiterRes) return { ok: false, msBeforeNext: error.msBeforeNext };
		throw error;
	}
}

/**
 * A Redis connection for the limiter: commands fail at once while it is down (no offline queue,
 * a 1 s timeout), so the in-memory insurance answers instead of a sign-in waiting on Redis.
 */
export function connectSignInRedis(url: string): Redis {
	const redis = new Redis(url, {
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1,
		commandTimeout: 1000
	});
	// ioredis reconnects by itself; without a listener an outage would crash the process.
	redis.on('error', (error: Error) => console.error('redis (sign-in limiter):', error.message));
	return redis;
}

/** A limiter as configured: shared through Redis when `redisUrl` is set, else in this process. */
export function createSignInLimiter(options: { redisUrl?: string } & SignInLimiterOptions = {}) {
	const { redisUrl, ...rest } = options;
	return new SignInLimiter({
		...rest,
		redis: rest.redis ?? (redisUrl ? connectSignInRedis(redisUrl) : undefined)
	});
}
