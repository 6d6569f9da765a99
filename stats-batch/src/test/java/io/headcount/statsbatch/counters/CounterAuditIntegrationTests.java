package io.headcount.statsbatch.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.headcount.devstack.DevStack;
import io.headcount.platform.events.CounterChanged;
import io.headcount.platform.events.Topics;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.statsbatch.BatchRunner;
import io.headcount.statsbatch.StatsBatchApplication;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.counters.CounterKeyLayout.Granularity;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.generator.SyntheticOthers;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.reports.ReportJob;
import io.headcount.testsupport.TopicReader;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The counter audit against the real Redis Cluster and Kafka: a day of counter events in
 * the archive, counter-service's keys written from the same events, then known drift
 * injected. The report lists exactly that drift with its difference; a dry run changes
 * nothing; {@code --apply} fixes exactly the drifted buckets and its events reach Kafka;
 * a second run finds none.
 */
class CounterAuditIntegrationTests {

	static final LocalDate DAY = LocalDate.of(2026, 12, 3);

	@TempDir
	Path directory;

	@Test
	void driftIsListedRepairedOnApplyAndGoneAfterwards() throws Exception {
		String prefix = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		List<CounterChanged> events = SyntheticOthers.counterEvents(DAY, prefix, 11);
		ArchiveFiles archive = new ArchiveFiles(this.directory.resolve("archive"));
		SyntheticOthers.writeCounterEvents(archive, events);
		SpringApplication application = new SpringApplication(StatsBatchApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(settings());
				TopicReader topic = TopicReader.from(DevStack.shared().kafkaBootstrapServers(),
						Topics.COUNTER_EVENTS)) {
			RedisAdvancedClusterCommands<String, String> redis = context.getBean(RedisConnections.class)
				.connection()
				.sync();
			Map<String, Long> last = new LinkedHashMap<>();
			for (CounterChanged event : events) { // as counter-service's apply-batch.lua
				long second = event.occurredAt().getEpochSecond();
				for (Granularity granularity : Granularity.values()) {
					long start = granularity.bucketOf(second);
					String key = CounterKeyLayout.bucketKey(event.objectId(), event.counter(), granularity, start);
					redis.hincrby(key, Long.toString(start), event.delta());
					redis.expire(key, 3600);
				}
				last.put(event.objectId() + "|" + event.counter(), event.value());
			}
			last.forEach((id, value) -> {
				String[] parts = id.split("\\|");
				redis.hset(CounterKeyLayout.counts(parts[0]), CounterKeyLayout.field(parts[1]), value.toString());
				redis.expire(CounterKeyLayout.counts(parts[0]), 3600);
			});

			// the drift: +2 in a minute of post 0's likes, post 3's shares' first hour
			// gone, 4 views in a
			// minute of post 5 that had none, and post 7's live likes 5 higher
			CounterChanged first = first(events, prefix + "-0", "likes");
			long minute0 = Granularity.MINUTE.bucketOf(first.occurredAt().getEpochSecond());
			redis.hincrby(CounterKeyLayout.bucketKey(first.objectId(), "likes", Granularity.MINUTE, minute0),
					Long.toString(minute0), 2);
			CounterChanged shares = first(events, prefix + "-3", "shares");
			long hour3 = Granularity.HOUR.bucketOf(shares.occurredAt().getEpochSecond());
			long hourRecount = events.stream()
				.filter((e) -> e.objectId().equals(shares.objectId()) && e.counter().equals("shares")
						&& Granularity.HOUR.bucketOf(e.occurredAt().getEpochSecond()) == hour3)
				.mapToLong(CounterChanged::delta)
				.sum();
			redis.hdel(CounterKeyLayout.bucketKey(shares.objectId(), "shares", Granularity.HOUR, hour3),
					Long.toString(hour3));
			long quiet = quietMinute(events, prefix + "-5", "views");
			String quietKey = CounterKeyLayout.bucketKey(prefix + "-5", "views", Granularity.MINUTE, quiet);
			redis.hincrby(quietKey, Long.toString(quiet), 4);
			redis.expire(quietKey, 3600);
			redis.hincrby(CounterKeyLayout.counts(prefix + "-7"), "likes", 5);

			List<CounterDrift> expected = List.of(
					new CounterDrift(prefix + "-0", "likes", "minute", minute0, minuteRecount(events, first),
							minuteRecount(events, first) + 2),
					new CounterDrift(prefix + "-3", "shares", "hour", hour3, hourRecount, 0),
					new CounterDrift(prefix + "-5", "views", "minute", quiet, 0, 4), new CounterDrift(prefix + "-7",
							"likes", "value", -1, last.get(prefix + "-7|likes"), last.get(prefix + "-7|likes") + 5));

			ReportJob job = context.getBean(ReportJob.class);
			CounterAudit audit;
			try (QueryEngine engine = EngineSettings.duckdb().open()) {
				audit = job.compute(engine, DAY, Progress.of("test")).counters();
			}
			assertThat(audit.status()).isEqualTo(CounterAudit.COMPARED);
			assertThat(audit.changes()).isEqualTo(events.size());
			assertThat(audit.counters()).isEqualTo(3L * SyntheticOthers.COUNTER_OBJECTS);
			assertThat(audit.drifts()).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(expected.get(0).difference()).isEqualTo(2);
			assertThat(audit.top()).hasSize(CounterAuditReport.TOP);
			assertThat(audit.top().getFirst().changes()).isGreaterThanOrEqualTo(audit.top().getLast().changes());

			BatchRunner runner = context.getBean(BatchRunner.class);
			List<String> touched = List.of(
					CounterKeyLayout.bucketKey(prefix + "-0", "likes", Granularity.MINUTE, minute0),
					CounterKeyLayout.bucketKey(prefix + "-3", "shares", Granularity.HOUR, hour3), quietKey);
			Map<String, Map<String, String>> before = snapshot(redis, touched);
			CounterRepair.Result dryRun = runner.repair(DAY, false);
			assertThat(dryRun.drifts()).containsExactlyInAnyOrderElementsOf(expected.subList(0, 3));
			assertThat(dryRun.repaired()).isEmpty();
			assertThat(snapshot(redis, touched)).as("a dry run changes nothing").isEqualTo(before);

			CounterRepair.Result applied = runner.repair(DAY, true);
			assertThat(applied.repaired()).containsExactlyInAnyOrderElementsOf(expected.subList(0, 3));
			assertThat(applied.conflicts()).isEmpty();
			assertThat(redis.hget(touched.get(0), Long.toString(minute0)))
				.isEqualTo(Long.toString(expected.get(0).recount()));
			assertThat(redis.hget(touched.get(1), Long.toString(hour3))).isEqualTo(Long.toString(hourRecount));
			assertThat(redis.hexists(quietKey, Long.toString(quiet))).isFalse();
			Map<String, Map<String, String>> after = snapshot(redis, touched);
			for (String key : touched) { // only the drifted fields moved
				Map<String, String> others = new LinkedHashMap<>(before.get(key));
				others.keySet().removeAll(List.of(Long.toString(minute0), Long.toString(hour3), Long.toString(quiet)));
				Map<String, String> now = new LinkedHashMap<>(after.get(key));
				now.keySet().removeAll(List.of(Long.toString(minute0), Long.toString(hour3), Long.toString(quiet)));
				assertThat(now).isEqualTo(others);
			}

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				List<JsonNode> repairs = new ArrayList<>();
				for (String object : List.of(prefix + "-0", prefix + "-3", prefix + "-5")) {
					topic.withKey(object)
						.stream()
						.filter((e) -> e.path("type").asString().equals("CounterBucketRepaired"))
						.forEach(repairs::add);
				}
				assertThat(repairs).hasSize(3);
				assertThat(repairs).anySatisfy((e) -> {
					assertThat(e.path("objectId").asString()).isEqualTo(prefix + "-5");
					assertThat(e.path("counter").asString()).isEqualTo("views");
					assertThat(e.path("granularity").asString()).isEqualTo("minute");
					assertThat(e.path("bucketStart").asString())
						.isEqualTo(java.time.Instant.ofEpochSecond(quiet).toString());
					assertThat(e.path("previous").asLong()).isEqualTo(4);
					assertThat(e.path("value").asLong()).isZero();
				});
				assertThat(repairs).anySatisfy((e) -> {
					assertThat(e.path("objectId").asString()).isEqualTo(prefix + "-3");
					assertThat(e.path("granularity").asString()).isEqualTo("hour");
					assertThat(e.path("previous").asLong()).isZero();
					assertThat(e.path("value").asLong()).isEqualTo(hourRecount);
				});
			});

			assertThat(runner.repair(DAY, false).drifts()).as("nothing left to repair").isEmpty();
			try (QueryEngine engine = EngineSettings.duckdb().open()) {
				assertThat(job.compute(engine, DAY, Progress.of("test")).counters().drifts())
					.containsExactly(expected.get(3));
			}
		}
		List<String> command = new ArrayList<>(List.of("repair", "--date", DAY.toString()));
		command.addAll(List.of(settings()));
		assertThat(invoke(command)).isZero();
		command.set(2, "yesterday");
		assertThat(invoke(command)).isEqualTo(2);
	}

	private static int invoke(List<String> arguments) {
		return StatsBatchApplication.runCommand(arguments.toArray(String[]::new));
	}

	private String[] settings() {
		List<String> settings = new ArrayList<>();
		DevStack.shared().springProperties().forEach((name, value) -> settings.add("--" + name + "=" + value));
		settings.add("--headcount.archive.directory=" + this.directory.resolve("archive"));
		settings.add("--headcount.reports.directory=" + this.directory.resolve("reports"));
		settings.add("--headcount.batch.schedule.enabled=false");
		return settings.toArray(String[]::new);
	}

	private static CounterChanged first(List<CounterChanged> events, String object, String counter) {
		return events.stream()
			.filter((e) -> e.objectId().equals(object) && e.counter().equals(counter))
			.findFirst()
			.orElseThrow();
	}

	private static long minuteRecount(List<CounterChanged> events, CounterChanged of) {
		long minute = Granularity.MINUTE.bucketOf(of.occurredAt().getEpochSecond());
		return events.stream()
			.filter((e) -> e.objectId().equals(of.objectId()) && e.counter().equals(of.counter())
					&& Granularity.MINUTE.bucketOf(e.occurredAt().getEpochSecond()) == minute)
			.mapToLong(CounterChanged::delta)
			.sum();
	}

	/** A minute of the day in which the counter did not change. */
	private static long quietMinute(List<CounterChanged> events, String object, String counter) {
		long dayStart = DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
		for (long minute = dayStart + 86_340;; minute -= 60) {
			long m = minute;
			if (events.stream()
				.noneMatch((e) -> e.objectId().equals(object) && e.counter().equals(counter)
						&& Granularity.MINUTE.bucketOf(e.occurredAt().getEpochSecond()) == m)) {
				return minute;
			}
		}
	}

	private static Map<String, Map<String, String>> snapshot(RedisAdvancedClusterCommands<String, String> redis,
			List<String> keys) {
		Map<String, Map<String, String>> snapshot = new LinkedHashMap<>();
		keys.forEach((key) -> snapshot.put(key, new java.util.TreeMap<>(redis.hgetall(key))));
		return snapshot;
	}

}
