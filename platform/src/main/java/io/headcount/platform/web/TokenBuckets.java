package io.headcount.platform.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per key, in memory. Per instance on purpose: the limit protects this
 * instance and Redis from one runaway client, and needs no round trip. Buckets that have
 * refilled completely are indistinguishable from new ones, so they are forgotten to bound
 * memory. {@link WriteRateLimiter} keeps one per service; a feature with a limit of its
 * own (presence's visitor session opens per client address) keeps another.
 */
public final class TokenBuckets {

	private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final double tokensPerNano;

	private final double capacity;

	private final LongSupplier nanoTime;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong lastSweep;

	/**
	 * @param perSecond sustained rate per key
	 * @param capacity tokens a key may spend at once after a quiet period
	 */
	public TokenBuckets(double perSecond, double capacity, LongSupplier nanoTime) {
		this.tokensPerNano = perSecond / TimeUnit.SECONDS.toNanos(1);
		this.capacity = Math.max(1, capacity);
		this.nanoTime = nanoTime;
		this.lastSweep = new AtomicLong(nanoTime.getAsLong());
	}

	/**
	 * Takes a token for the key.
	 * @return {@code 0} if taken, otherwise the nanoseconds until one is available
	 */
	public long tryAcquire(String key) {
		long now = this.nanoTime.getAsLong();
		sweepIfDue(now);
		Bucket bucket = this.buckets.computeIfAbsent(key, (k) -> new Bucket(this.capacity, now));
		return bucket.tryAcquire(now);
	}

	int size() {
		return this.buckets.size();
	}

	private void sweepIfDue(long now) {
		long last = this.lastSweep.get();
		if (now - last > SWEEP_EVERY_NANOS && this.lastSweep.compareAndSet(last, now)) {
			this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
		}
	}

	private final class Bucket {

		private double tokens;

		private long updatedAt;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.updatedAt = now;
		}

		synchronized long tryAcquire(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - this.tokens) / TokenBuckets.this.tokensPerNano);
		}

		synchronized boolean isFull(long now) {
			refill(now);
			return this.tokens >= TokenBuckets.this.capacity;
		}

		private void refill(long now) {
			long elapsed = now - this.updatedAt;
			if (elapsed > 0) {
				this.tokens = Math.min(TokenBuckets.this.capacity,
						this.tokens + elapsed * TokenBuckets.this.tokensPerNano);
				this.updatedAt = now;
			}
		}

	}

}
