package io.headcount.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends GETs at a fixed rate whatever the responses do (an open model, as wrk2 would; wrk2 is not
 * available here) and measures each latency from the moment the request was <em>due</em>, so a stall
 * shows up in every request it delays instead of hiding behind the few that were in flight (no
 * coordinated omission). Runs inside the runner's JVM on the JDK HTTP client.
 */
public final class FixedRateLoad {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private FixedRateLoad() {
	}

	public static FixedRateResult run(HttpClient client, URI target, int requestsPerSecond, Duration duration)
			throws InterruptedException {
		Loopback.require(target);
		if (requestsPerSecond <= 0 || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("need a positive rate and duration");
		}
		int count = Math.toIntExact(requestsPerSecond * duration.toMillis() / 1000);
		long periodNanos = 1_000_000_000L / requestsPerSecond;
		long[] latencyNanos = new long[count];
		AtomicLong errors = new AtomicLong();
		CountDownLatch completed = new CountDownLatch(count);
		HttpRequest request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT).GET().build();
		long start = System.nanoTime() + periodNanos;
		for (int i = 0; i < count; i++) {
			long due = start + i * periodNanos;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
				if (Thread.interrupted()) {
					throw new InterruptedException("fixed-rate load interrupted");
				}
			}
			int index = i;
			client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
				latencyNanos[index] = System.nanoTime() - due;
				if (failure != null || response.statusCode() / 100 != 2) {
					errors.incrementAndGet();
				}
				completed.countDown();
			});
		}
		if (!completed.await(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
			throw new IllegalStateException(completed.getCount() + " requests neither completed nor timed out");
		}
		return FixedRateResult.of(requestsPerSecond, latencyNanos, errors.get());
	}

}
