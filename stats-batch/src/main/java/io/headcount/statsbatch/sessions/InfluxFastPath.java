package io.headcount.statsbatch.sessions;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code headcount_visitors_concurrent} (tag {@code site}) from InfluxDB 1.x, the
 * last value of each second, as Grafana shows it.
 */
public final class InfluxFastPath implements FastPathSource {

	static final String MEASUREMENT = "headcount_visitors_concurrent";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI url;

	private final String database;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public InfluxFastPath(URI url, String database) {
		this.url = url;
		this.database = database;
	}

	@Override
	public Map<String, long[]> perSecond(LocalDate day, List<String> sites) {
		Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
		String query = "SELECT last(\"value\") FROM \"" + MEASUREMENT + "\" WHERE time >= '" + start + "' AND time < '"
				+ start.plus(Duration.ofDays(1)) + "' GROUP BY time(1s), \"site\" fill(none)";
		URI uri = URI.create(this.url.toString().replaceAll("/$", "") + "/query?epoch=ms&db="
				+ URLEncoder.encode(this.database, StandardCharsets.UTF_8) + "&q="
				+ URLEncoder.encode(query, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("InfluxDB answered " + response.statusCode() + " at " + this.url);
			}
			return parse(JSON.readTree(response.body()), start.toEpochMilli());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("InfluxDB at " + this.url + " cannot be read (" + ex + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted reading InfluxDB", ex);
		}
	}

	static Map<String, long[]> parse(JsonNode body, long dayStart) {
		Map<String, long[]> sites = new LinkedHashMap<>();
		for (JsonNode result : body.path("results")) {
			if (result.has("error")) {
				throw new IllegalStateException("InfluxDB: " + result.path("error").asString());
			}
			for (JsonNode series : result.path("series")) {
				String site = series.path("tags").path("site").asString("");
				long[] values = sites.computeIfAbsent(site, (key) -> {
					long[] empty = new long[SessionsReport.SECONDS];
					Arrays.fill(empty, -1);
					return empty;
				});
				for (JsonNode point : series.path("values")) {
					int second = (int) ((point.get(0).asLong() - dayStart) / 1000);
					if (second >= 0 && second < values.length && !point.get(1).isNull()) {
						values[second] = Math.round(point.get(1).asDouble());
					}
				}
			}
		}
		return sites;
	}

}
