package io.headcount.counter.fastlane;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * {@code http.server.requests} for the lane's requests, with the very meter Spring's
 * observation records for the same route, method, status and exception (same name, same
 * tags: {@code error}, {@code exception}, {@code method}, {@code outcome},
 * {@code status}, {@code uri}), so dashboards see one series whichever path served a
 * request. Recorded directly on a timer looked up once per combination: Spring's
 * observation (context, key values, handler chain, meter lookup by tags) was a large
 * share of a lane read's CPU (docs/architecture.md, "Request cost").
 */
final class LaneRequestMetrics {

	private final MeterRegistry registry;

	private final String name;

	private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

	LaneRequestMetrics(MeterRegistry registry, String name) {
		this.registry = registry;
		this.name = name;
	}

	void record(String method, String uri, int status, @Nullable Throwable error, long nanos) {
		String exception = (error != null) ? exceptionName(error) : "none";
		Timer timer = this.timers.computeIfAbsent(new Key(method, uri, status, exception), this::register);
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(Key key) {
		return Timer.builder(this.name)
			.tag("error", key.exception)
			.tag("exception", key.exception)
			.tag("method", key.method)
			.tag("outcome", outcome(key.status))
			.tag("status", Integer.toString(key.status))
			.tag("uri", key.uri)
			.register(this.registry);
	}

	/** As Spring's {@code DefaultServerRequestObservationConvention} names it. */
	private static String exceptionName(Throwable error) {
		String simpleName = error.getClass().getSimpleName();
		return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
	}

	/** As Spring's {@code HttpOutcome} names a status. */
	static String outcome(int status) {
		if (status >= 100 && status < 200) {
			return "INFORMATIONAL";
		}
		if (status >= 200 && status < 300) {
			return "SUCCESS";
		}
		if (status >= 300 && status < 400) {
			return "REDIRECTION";
		}
		if (status >= 400 && status < 500) {
			return "CLIENT_ERROR";
		}
		if (status >= 500 && status < 600) {
			return "SERVER_ERROR";
		}
		return "UNKNOWN";
	}

	private record Key(String method, String uri, int status, String exception) {
	}

}
