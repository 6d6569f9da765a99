package io.headcount.bench.counter;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.headcount.bench.load.FixedRateResult;

/**
 * The fixed-rate, open-model client of {@code FixedRateLoad}, for requests that need a method and headers
 * (a JWT): each latency is measured from the request's due time, so stalls are not hidden.
 */
final class OpenModelLoad {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final int WORKERS = 128;

	private OpenModelLoad() {
	}

	/**
	 * Request {@code i} is due at {@code start + i / rate}; up to {@code workers} virtual threads send
	 * them (so a stalled server ties up workers, not connections without end), each latency counted from
	 * the due time.
	 */
	static FixedRateResult run(HttpClient client, IntFunction<HttpRequest.Builder> requests, int requestsPerSecond,
			Duration duration) throws InterruptedException {
		int count = Math.toIntExact(requestsPerSecond * duration.toMillis() / 1000);
		long periodNanos = 1_000_000_000L / requestsPerSecond;
		long[] latencyNanos = new long[count];
		AtomicLong errors = new AtomicLong();
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime() + 10 * periodNanos;
		try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int w = 0; w < WORKERS; w++) {
				workers.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						long due = start + i * periodNanos;
						for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
							LockSupport.parkNanos(wait);
						}
						try {
							HttpResponse<Void> response = client.send(requests.apply(i).timeout(REQUEST_TIMEOUT).build(),
									HttpResponse.BodyHandlers.discarding());
							if (response.statusCode() / 100 != 2) {
								errors.incrementAndGet();
							}
						}
						catch (Exception ex) {
							errors.incrementAndGet();
						}
						latencyNanos[i] = System.nanoTime() - due;
					}
					return null;
				});
			}
		}
		long[] sorted = latencyNanos.clone();
		Arrays.sort(sorted);
		return new FixedRateResult(requestsPerSecond, sorted.length, errors.get(), percentileMs(sorted, 50),
				percentileMs(sorted, 90), percentileMs(sorted, 99), percentileMs(sorted, 99.9), percentileMs(sorted, 100));
	}

	private static double percentileMs(long[] sorted, double percentile) {
		int rank = (int) Math.ceil(percentile / 100 * sorted.length - 1e-9);
		long nanos = sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
		return Math.round(nanos / 1000.0) / 1000.0;
	}

}
