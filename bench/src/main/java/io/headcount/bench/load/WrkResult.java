package io.headcount.bench.load;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code wrk --latency} reports. Latencies in milliseconds. {@code percentilesMs}
 * holds wrk's distribution (50, 75, 90, 99). wrk is closed-loop: its percentiles show
 * latency at saturation, not at a given rate (see {@link FixedRateLoad} for that).
 */
public record WrkResult(double requestsPerSecond, long requests, double seconds, double meanMs, double maxMs,
		Map<Double, Double> percentilesMs, long socketErrors, long non2xxOr3xx) {

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("(?m)^Requests/sec:\\s+([\\d.]+)\\s*$");

	private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ([\\d.]+\\w+),");

	private static final Pattern LATENCY = Pattern.compile("(?m)^\\s*Latency\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");

	private static final Pattern PERCENTILE = Pattern.compile("(?m)^\\s*([\\d.]+)%\\s+([\\d.]+[a-z]+)\\s*$");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	public WrkResult {
		percentilesMs = Map.copyOf(percentilesMs);
	}

	public long errors() {
		return this.socketErrors + this.non2xxOr3xx;
	}

	/** Latency at {@code percentile} (50, 75, 90 or 99), in ms. */
	public double percentileMs(double percentile) {
		Double value = this.percentilesMs.get(percentile);
		if (value == null) {
			throw new IllegalArgumentException("wrk reports " + this.percentilesMs.keySet() + ", not " + percentile);
		}
		return value;
	}

	/**
	 * Parses wrk's standard output; fails with the output when a figure is missing (wrk
	 * died, no requests).
	 */
	public static WrkResult parse(String output) {
		Matcher requests = find(REQUESTS, output, "'N requests in T'");
		Matcher latency = find(LATENCY, output, "the Latency line");
		Map<Double, Double> percentiles = new TreeMap<>();
		Matcher percentile = PERCENTILE.matcher(output);
		while (percentile.find()) {
			percentiles.put(Double.parseDouble(percentile.group(1)), millis(percentile.group(2)));
		}
		if (percentiles.isEmpty()) {
			throw new IllegalArgumentException(
					"no latency distribution (was --latency given?) in wrk output:\n" + output);
		}
		long socketErrors = 0;
		Matcher socket = SOCKET_ERRORS.matcher(output);
		if (socket.find()) {
			for (int group = 1; group <= 4; group++) {
				socketErrors += Long.parseLong(socket.group(group));
			}
		}
		Matcher non2xx = NON_2XX.matcher(output);
		return new WrkResult(Double.parseDouble(find(REQUESTS_PER_SECOND, output, "Requests/sec").group(1)),
				Long.parseLong(requests.group(1)), millis(requests.group(2)) / 1000, millis(latency.group(1)),
				millis(latency.group(3)), percentiles, socketErrors,
				non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
	}

	/**
	 * wrk prints times with the unit that keeps them short: {@code 812.00us},
	 * {@code 1.20ms}, {@code 2.00s}, {@code 1.50m}.
	 */
	static double millis(String time) {
		Matcher matcher = Pattern.compile("([\\d.]+)([a-z]+)").matcher(time.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a wrk time: " + time);
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "ms" -> value;
			case "s" -> value * 1000;
			case "m" -> value * 60_000;
			case "h" -> value * 3_600_000;
			default -> throw new IllegalArgumentException("unknown wrk time unit in " + time);
		};
	}

	private static Matcher find(Pattern pattern, String output, String what) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new IllegalArgumentException("no " + what + " in wrk output:\n" + output);
		}
		return matcher;
	}

}
