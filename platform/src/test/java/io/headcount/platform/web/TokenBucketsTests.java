package io.headcount.platform.web;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final TokenBuckets buckets = new TokenBuckets(50, 100, this.now::get);

	@Test
	void allowsABurstThenTheRate() {
		for (int i = 0; i < 100; i++) {
			assertThat(this.buckets.tryAcquire("u-1")).isZero();
		}
		long wait = this.buckets.tryAcquire("u-1");
		assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20)); // one token per 20
																		// ms at 50/s
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
		assertThat(this.buckets.tryAcquire("u-1")).isZero();
		assertThat(this.buckets.tryAcquire("u-1")).isPositive();
	}

	@Test
	void usersHaveTheirOwnBuckets() {
		for (int i = 0; i < 100; i++) {
			this.buckets.tryAcquire("u-1");
		}
		assertThat(this.buckets.tryAcquire("u-1")).isPositive();
		assertThat(this.buckets.tryAcquire("u-2")).isZero();
	}

	@Test
	void refilledBucketsAreForgotten() {
		this.buckets.tryAcquire("u-1");
		this.buckets.tryAcquire("u-2");
		assertThat(this.buckets.size()).isEqualTo(2);
		this.now.addAndGet(TimeUnit.SECONDS.toNanos(11)); // full again, and a sweep is
															// due
		this.buckets.tryAcquire("u-3");
		assertThat(this.buckets.size()).isEqualTo(1);
	}

	@Test
	void retryAfterIsWholeSecondsAndNeverZero() {
		assertThat(RetryAfter.seconds(java.time.Duration.ofMillis(20))).isEqualTo(1);
		assertThat(RetryAfter.seconds(java.time.Duration.ofMillis(1_001))).isEqualTo(2);
		assertThat(RetryAfter.seconds(java.time.Duration.ZERO)).isEqualTo(1);
	}

}
