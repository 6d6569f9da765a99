package io.headcount.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * One test row of {@code redis-benchmark --csv} (Redis 7 columns: rps, avg, min, p50,
 * p95, p99, max in ms).
 */
public record RedisBenchmarkResult(String test, double requestsPerSecond, double averageMs, double p50Ms, double p95Ms,
		double p99Ms, double maxMs) {

	private static final String HEADER = "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\","
			+ "\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"";

	/**
	 * Parses the CSV block. In {@code --cluster} mode the master list is printed on
	 * standard output before it; when every request fails (MOVED, connection lost)
	 * redis-benchmark prints the header and no row, which is an error here, not a zero.
	 */
	public static List<RedisBenchmarkResult> parseCsv(String output) {
		List<String> lines = output.lines().map(String::strip).toList();
		int header = lines.indexOf(HEADER);
		if (header < 0) {
			throw new IllegalArgumentException("no redis-benchmark 7 CSV header in output:\n" + output);
		}
		List<RedisBenchmarkResult> results = new ArrayList<>();
		for (String line : lines.subList(header + 1, lines.size())) {
			if (!line.startsWith("\"")) {
				continue;
			}
			String[] cells = line.replace("\"", "").split(",");
			if (cells.length != 8) {
				throw new IllegalArgumentException("unexpected redis-benchmark CSV row: " + line);
			}
			results.add(new RedisBenchmarkResult(cells[0], number(cells[1]), number(cells[2]), number(cells[4]),
					number(cells[5]), number(cells[6]), number(cells[7])));
		}
		if (results.isEmpty()) {
			throw new IllegalArgumentException(
					"redis-benchmark reported no completed test (all requests failed?):\n" + output);
		}
		return results;
	}

	private static double number(String cell) {
		double value = Double.parseDouble(cell);
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("redis-benchmark reported " + cell);
		}
		return value;
	}

}
