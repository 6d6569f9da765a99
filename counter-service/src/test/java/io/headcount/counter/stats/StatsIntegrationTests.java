package io.headcount.counter.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.headcount.counter.Api;
import io.headcount.counter.CounterIntegrationTest;
import io.headcount.counter.TestClockConfiguration.MutableClock;
import io.headcount.devstack.DevStack;
import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.EventRecorded;
import io.headcount.platform.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Statistics events on the real cluster with known answers: events at chosen instants
 * (the injected clock) and late ones with {@code at}, across minute, hour and day
 * boundaries; replays with the same idempotency key; a batch of 1,000.
 */
@CounterIntegrationTest
class StatsIntegrationTests {

	/** Numbers read as written: a sum is compared digit for digit. */
	static final JsonMapper DECIMALS = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void realTime() {
		this.clock.reset();
	}

	@Test
	void countSumAvgMinAndMaxAreExactAcrossMinuteHourAndDayBoundaries() {
		Api a = new Api(this.port);
		String object = "page-" + UUID.randomUUID();
		// yesterday 23:58:30 .. today 01:00:30: recent, so minute buckets are within
		// their retention
		Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
		record(a, object, midnight.minusSeconds(90), "{\"type\":\"render-ms\",\"value\":3}"); // 23:58:30
		record(a, object, midnight.minusSeconds(1), "{\"type\":\"render-ms\",\"value\":4.5}"); // 23:59:59
		record(a, object, midnight, "{\"type\":\"render-ms\",\"value\":-2}"); // 00:00:00
		record(a, object, midnight.plusSeconds(59), "{\"type\":\"render-ms\",\"value\":10}"); // 00:00:59
		record(a, object, midnight.plusSeconds(3599), "{\"type\":\"render-ms\",\"value\":0.25}"); // 00:59:59
		record(a, object, midnight.plusSeconds(3600), "{\"type\":\"render-ms\",\"value\":7}"); // 01:00:00
		// a batch at 01:00:30: the default value is 1
		JsonNode batch = record(a, object, midnight.plusSeconds(3630),
				"{\"events\":[{\"type\":\"render-ms\"},{\"type\":\"render-ms\",\"value\":2.000001}]}");
		assertThat(batch.path("applied").asInt()).isEqualTo(2);
		// a late event: sent at 01:01:40, happened at 23:59:30
		JsonNode late = record(a, object, midnight.plusSeconds(3700),
				"{\"type\":\"render-ms\",\"value\":100,\"at\":\"" + midnight.minusSeconds(30) + "\"}");
		assertThat(Instant.parse(late.path("events").path(0).path("at").asString()))
			.isEqualTo(midnight.minusSeconds(30));
		// another type of the same object is kept apart
		record(a, object, midnight, "{\"type\":\"other\",\"value\":1000}");
		this.clock.reset();

		JsonNode all = stats(a, object, "render-ms", midnight.minusSeconds(3600), midnight.plusSeconds(7200), "hour",
				null);
		assertTotal(all.path("total"), 9, "125.750001", "-2", "100");
		assertThat(all.path("total").path("avg").decimalValue())
			.isEqualByComparingTo(new BigDecimal("125.750001").divide(BigDecimal.valueOf(9), MathContext.DECIMAL64));
		assertThat(all.path("fn")).extracting(JsonNode::asString).containsExactly("count", "sum", "avg", "min", "max");
		List<JsonNode> hours = list(all.path("points"));
		assertThat(hours).hasSize(3);
		assertTotal(hours.get(0), 3, "107.5", "3", "100"); // 23:00
		assertTotal(hours.get(1), 3, "8.25", "-2", "10"); // 00:00
		assertThat(hours.get(1).path("avg").decimalValue()).isEqualByComparingTo("2.75");
		assertTotal(hours.get(2), 3, "10.000001", "1", "7"); // 01:00

		// minutes around midnight: the late event is in 23:59
		JsonNode minutes = stats(a, object, "render-ms", midnight.minusSeconds(120), midnight.plusSeconds(120),
				"minute", null);
		List<JsonNode> points = list(minutes.path("points"));
		assertThat(points).extracting((p) -> Instant.parse(p.path("start").asString()))
			.containsExactly(midnight.minusSeconds(120), midnight.minusSeconds(60), midnight, midnight.plusSeconds(60));
		assertTotal(points.get(0), 1, "3", "3", "3");
		assertTotal(points.get(1), 2, "104.5", "4.5", "100");
		assertThat(points.get(1).path("avg").decimalValue()).isEqualByComparingTo("52.25");
		assertTotal(points.get(2), 2, "8", "-2", "10");
		assertThat(points.get(3).path("count").asLong()).isZero();
		assertThat(points.get(3).path("sum").decimalValue()).isEqualByComparingTo("0");
		assertThat(points.get(3).has("avg") || points.get(3).has("min") || points.get(3).has("max"))
			.as("an empty bucket has no avg, min or max: %s", points.get(3))
			.isFalse();
		assertTotal(minutes.path("total"), 5, "115.5", "-2", "100");

		JsonNode days = stats(a, object, "render-ms", midnight.minus(Duration.ofDays(1)),
				midnight.plus(Duration.ofDays(1)), "day", null);
		assertThat(list(days.path("points"))).hasSize(2);
		assertTotal(days.path("points").path(0), 3, "107.5", "3", "100");
		assertTotal(days.path("points").path(1), 6, "18.250001", "-2", "10");
		assertTotal(days.path("total"), 9, "125.750001", "-2", "100");

		// the total takes the fewest buckets: [23:59, 00:01) is two minutes
		assertTotal(stats(a, object, "render-ms", midnight.minusSeconds(60), midnight.plusSeconds(60), "minute", null)
			.path("total"), 4, "112.5", "-2", "100");
		// [00:00, 01:00) is one hour bucket
		assertTotal(stats(a, object, "render-ms", midnight, midnight.plusSeconds(3600), "hour", null).path("total"), 3,
				"8.25", "-2", "10");
		// both ends are rounded down to the minute: [01:00:00, 01:00:59) holds no minute
		assertThat(stats(a, object, "render-ms", midnight.plusSeconds(3600), midnight.plusSeconds(3659), "minute", null)
			.path("total")
			.path("count")
			.asLong()).isZero();

		// only the functions asked for
		JsonNode avgOnly = stats(a, object, "render-ms", midnight, midnight.plusSeconds(3600), "hour", "avg");
		assertThat(avgOnly.path("total").propertyNames()).containsExactly("avg");
		assertThat(avgOnly.path("total").path("avg").decimalValue()).isEqualByComparingTo("2.75");
		assertThat(avgOnly.path("points").path(0).propertyNames()).containsExactly("start", "avg");

		assertTotal(stats(a, object, "render-ms", midnight.minusSeconds(3600), midnight.plusSeconds(7200), "hour", null)
			.path("total"), 9, "125.750001", "-2", "100");
		assertThat(get(a, "/v1/objects/" + object + "/stats/other?from=" + midnight + "&to=" + midnight.plusSeconds(60))
			.path("total")
			.path("sum")
			.decimalValue()).isEqualByComparingTo("1000");
	}

	@Test
	void anEventSentAgainWithItsIdempotencyKeyIsReplayedAndCountsOnce() {
		Api a = new Api(this.port);
		String object = "page-" + UUID.randomUUID();
		Instant now = Instant.now();
		String event = "{\"type\":\"visit\",\"value\":5,\"idempotencyKey\":\"k-1\"}";
		JsonNode first = record(a, object, null, event);
		assertThat(first.path("events").path(0).path("status").asString()).isEqualTo("applied");
		JsonNode again = record(a, object, null, event);
		assertThat(again.path("events").path(0).path("status").asString()).isEqualTo("replayed");
		assertThat(again.path("replayed").asInt()).isEqualTo(1);
		assertThat(again.path("events").path(0).path("at").asString())
			.isEqualTo(first.path("events").path(0).path("at").asString());
		// in a batch: the known key is replayed, a new one applied, and a key repeated
		// within the batch counts once
		JsonNode batch = record(a, object, null,
				"{\"events\":[{\"type\":\"visit\",\"value\":5,\"idempotencyKey\":\"k-1\"},"
						+ "{\"type\":\"visit\",\"value\":7,\"idempotencyKey\":\"k-2\"},"
						+ "{\"type\":\"visit\",\"value\":7,\"idempotencyKey\":\"k-2\"},"
						+ "{\"type\":\"visit\",\"value\":1}]}");
		assertThat(list(batch.path("events"))).extracting((e) -> e.path("status").asString())
			.containsExactly("replayed", "applied", "replayed", "applied");
		// the same key from another user, or for another type, is another event
		Api.Response bob = a.send("bob", "POST", "/v1/objects/" + object + "/events", event, Map.of());
		assertThat(bob.json().path("events").path(0).path("status").asString()).isEqualTo("applied");
		assertTotal(stats(a, object, "visit", now.minusSeconds(60), now.plusSeconds(120), "minute", null).path("total"),
				4, "18", "1", "7");
	}

	@Test
	void aBatchOfAThousandEventsIsRecordedInOneRequest() {
		Api a = new Api(this.port);
		String object = "page-" + UUID.randomUUID();
		Instant now = Instant.now();
		String events = IntStream.rangeClosed(1, 1000)
			.mapToObj((i) -> "{\"type\":\"bytes\",\"value\":" + i + ",\"idempotencyKey\":\"b-" + i + "\"}")
			.collect(Collectors.joining(",", "{\"events\":[", "]}"));
		long started = System.nanoTime();
		JsonNode answer = record(a, object, null, events);
		System.out.printf("1,000 events with keys in one request: %.1f ms end to end%n",
				(System.nanoTime() - started) / 1e6);
		assertThat(answer.path("applied").asInt()).isEqualTo(1000);
		assertThat(list(answer.path("events"))).hasSize(1000)
			.allSatisfy((e) -> assertThat(e.path("status").asString()).isEqualTo("applied"));
		JsonNode total = stats(a, object, "bytes", now.minusSeconds(60), now.plusSeconds(120), "minute", null)
			.path("total");
		assertTotal(total, 1000, "500500", "1", "1000");
		assertThat(total.path("avg").decimalValue()).isEqualByComparingTo("500.5");
		// sent again: all replayed, nothing counted twice
		started = System.nanoTime();
		JsonNode again = record(a, object, null, events);
		System.out.printf("the same 1,000 events again (all replayed): %.1f ms end to end%n",
				(System.nanoTime() - started) / 1e6);
		assertThat(again.path("replayed").asInt()).isEqualTo(1000);
		assertTotal(stats(a, object, "bytes", now.minusSeconds(60), now.plusSeconds(120), "minute", null).path("total"),
				1000, "500500", "1", "1000");
	}

	@Test
	void everyAppliedEventReachesKafkaAsEventRecordedAndAReplayDoesNot() {
		Api a = new Api(this.port);
		String object = "page-" + UUID.randomUUID();
		Instant at = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
		record(a, object, null,
				"{\"type\":\"render-ms\",\"value\":12.5,\"at\":\"" + at + "\",\"idempotencyKey\":\"r-1\"}");
		record(a, object, null, "{\"events\":[{\"type\":\"render-ms\",\"value\":12.5,\"idempotencyKey\":\"r-1\"},"
				+ "{\"type\":\"visit\",\"value\":-0.000001}]}");

		List<EventRecorded> events = new CopyOnWriteArrayList<>();
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "stats-events-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.COUNTER_EVENTS));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (object.equals(record.key())) {
						events.add(EventJson.read(record.value(), EventRecorded.class));
					}
				}
				assertThat(events).hasSize(2);
			});
		}
		EventRecorded first = events.getFirst();
		assertThat(first.objectId()).isEqualTo(object);
		assertThat(first.eventType()).isEqualTo("render-ms");
		assertThat(first.value()).isEqualByComparingTo("12.5");
		assertThat(first.at()).isEqualTo(at);
		assertThat(first.actorId()).isEqualTo("alice");
		assertThat(first.idempotencyKey()).isEqualTo("r-1");
		EventRecorded second = events.get(1);
		assertThat(second.eventType()).isEqualTo("visit");
		assertThat(second.value()).isEqualByComparingTo("-0.000001");
		assertThat(second.idempotencyKey()).isNull();
		assertThat(events).extracting(EventRecorded::eventId).doesNotHaveDuplicates();
	}

	@Test
	void aBatchGoesToRedisInOneScriptCall() {
		Api a = new Api(this.port);
		String object = "page-" + UUID.randomUUID();
		String events = IntStream.range(0, 700)
			.mapToObj((i) -> "{\"type\":\"visit\"}")
			.collect(Collectors.joining(",", "{\"events\":[", "]}"));
		record(a, object, null, events);
		// the counters' own limit of changes per call (256) does not cut a batch
		assertThat(this.meters.get("headcount.counter.script.changes").summary().max()).isGreaterThanOrEqualTo(700);
	}

	static JsonNode record(Api a, String object, Instant at, String body, MutableClock clock) {
		if (at != null) {
			clock.set(at);
		}
		Api.Response r = a.send("alice", "POST", "/v1/objects/" + object + "/events", body, Map.of());
		assertThat(r.status()).as("%s", r).isEqualTo(200);
		return DECIMALS.readTree(r.body());
	}

	private JsonNode record(Api a, String object, Instant at, String body) {
		return record(a, object, at, body, this.clock);
	}

	static JsonNode stats(Api a, String object, String type, Instant from, Instant to, String step, String fn) {
		return get(a, "/v1/objects/" + object + "/stats/" + type + "?from=" + from + "&to=" + to + "&step=" + step
				+ ((fn != null) ? "&fn=" + fn : ""));
	}

	static JsonNode get(Api a, String path) {
		Api.Response r = a.get("alice", path);
		assertThat(r.status()).as("%s", r).isEqualTo(200);
		return DECIMALS.readTree(r.body());
	}

	static void assertTotal(JsonNode values, long count, String sum, String min, String max) {
		assertThat(values.path("count").asLong()).as("count of %s", values).isEqualTo(count);
		assertThat(values.path("sum").decimalValue()).as("sum of %s", values).isEqualByComparingTo(sum);
		assertThat(values.path("min").decimalValue()).as("min of %s", values).isEqualByComparingTo(min);
		assertThat(values.path("max").decimalValue()).as("max of %s", values).isEqualByComparingTo(max);
	}

	static List<JsonNode> list(JsonNode array) {
		List<JsonNode> out = new ArrayList<>();
		array.forEach(out::add);
		return out;
	}

}
