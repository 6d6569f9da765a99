package io.headcount.statsbatch.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.headcount.devstack.DevStack;
import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.PresenceChanged;
import io.headcount.platform.events.VisitorSessionClosed;
import io.headcount.platform.events.VisitorSessionOpened;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.ServiceLauncher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive against the real broker: every event lands in exactly one Parquet row after
 * a consumer is killed with SIGKILL in the middle of writing a file, restarted, and run
 * again; re-sent events (same eventId) are dropped.
 */
class ArchiverIntegrationTests {

	static final int SESSIONS = 3_000;

	static final int RESENT = 300;

	private final DevStack stack = DevStack.shared();

	@TempDir
	Path directory;

	@Test
	void eachEventIsArchivedOnceThroughAConsumerKilledMidFileAndARerun() throws Exception {
		String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
		String sessions = prefix + ".session-events";
		String presence = prefix + ".presence-events";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.stack.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(sessions, 3, (short) 1), new NewTopic(presence, 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		long unique = produce(sessions, presence);
		Path archive = this.directory.resolve("archive");
		String group = prefix + "-archive";

		ChildProcess child = ChildProcess.start("archive-child",
				ServiceLauncher.classPathCommand(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx256m"),
						ArchiveChild.class.getName(), List.of(this.stack.kafkaBootstrapServers(), archive.toString(),
								group, "400", sessions, presence)),
				Map.of(), this.directory, this.directory.resolve("child.log"));
		try {
			// SIGKILL while a file is being written, once a few are committed
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(2))
				.until(() -> files(archive, ".parquet").size() >= 4 && !files(archive, ".tmp").isEmpty());
			child.kill9();
		}
		finally {
			child.close();
		}
		int tmpAtKill = files(archive, ".tmp").size();
		int filesAtKill = files(archive, ".parquet").size();

		Progress restart = archiveUntilCaughtUp(archive, group, sessions, presence);
		Progress rerun = archiveUntilCaughtUp(archive, group, sessions, presence);
		System.out.printf(
				"Archive kill test: %d events (+%d re-sent), killed with %d .tmp and %d files; restart read %d events, "
						+ "dropped %d duplicates, wrote %d files in %d ms; re-run read %d%n",
				unique, RESENT, tmpAtKill, filesAtKill, restart.events(), restart.duplicates(), restart.files(),
				restart.elapsed().toMillis(), rerun.events());

		// the kill was sent while a .tmp was on disk; that file may still have been
		// renamed
		// before the signal landed, so what is asserted is that the restart had work left
		assertThat(restart.events()).as("killed before the end").isPositive();
		assertThat(files(archive, ".tmp")).isEmpty();
		assertThat(rerun.events()).as("a re-run finds nothing new").isZero();
		try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
			String all = files(archive, ".parquet").stream()
				.map((file) -> "'" + file + "'")
				.collect(Collectors.joining(", ", "[", "]"));
			assertThat(query(duckdb,
					"SELECT count(*), count(DISTINCT event_id) FROM read_parquet(" + all + ", union_by_name = true)"))
				.containsExactly(unique, unique);
			assertThat(query(duckdb, "SELECT count(*) FROM read_parquet(" + all
					+ ", union_by_name = true) WHERE type = 'VisitorSessionOpened' AND site_id = 'shop' AND timeout_millis = 45000"))
				.containsExactly((long) SESSIONS);
		}
		assertThat(files(archive, ".parquet")).allSatisfy((file) -> {
			assertThat(file.toString()).matches(".*/(session|presence)-events/date=\\d{4}-\\d\\d-\\d\\d/hour=\\d\\d/"
					+ "(session|presence)-events-p\\d-\\d{19}-\\d{19}\\.parquet");
		});
	}

	private Progress archiveUntilCaughtUp(Path archive, String group, String... topics) {
		ArchiveSettings settings = new ArchiveSettings(archive, List.of(topics), group, 400, Duration.ofSeconds(60),
				1_000_000, Duration.ofMillis(200));
		return new Archiver(ArchiveChild.kafka(this.stack.kafkaBootstrapServers()), settings, Clock.systemUTC(),
				Progress.of("archive"))
			.run(true, () -> false);
	}

	/**
	 * Sessions opened and closed, some presence changes, and re-sends; returns the unique
	 * count.
	 */
	private long produce(String sessions, String presence) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafkaBootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.LINGER_MS_CONFIG, 5);
		Instant start = Instant.parse("2026-12-03T10:50:00Z");
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			String session = "s" + i;
			Instant opened = start.plusMillis(i * 1_000L); // spans two hours
			records.add(new ProducerRecord<>(sessions, session,
					EventJson.write(new VisitorSessionOpened(UUID.randomUUID().toString(), opened, "shop", session,
							null, false, "a" + (i % 500), 45_000))));
			records.add(new ProducerRecord<>(sessions, session,
					EventJson.write(new VisitorSessionClosed(UUID.randomUUID().toString(), opened.plusSeconds(30),
							"shop", session, VisitorSessionClosed.CLIENT, opened.plusSeconds(29)))));
		}
		for (int i = 0; i < 500; i++) {
			records.add(new ProducerRecord<>(presence, "u" + i,
					EventJson.write(new PresenceChanged(UUID.randomUUID().toString(), start.plusSeconds(i), "u" + i,
							"online", "offline", start, "phone", "set"))));
		}
		long unique = records.size();
		for (int i = 0; i < RESENT; i++) { // the outbox re-sends a record soon after:
											// same key, same value
			ProducerRecord<String, String> original = records.get(i * 21);
			records.add(Math.min(records.size(), i * 21 + 1 + (i % 50)),
					new ProducerRecord<>(original.topic(), original.key(), original.value()));
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (ProducerRecord<String, String> record : records) {
				producer.send(record);
			}
			producer.flush();
		}
		return unique;
	}

	private static List<Long> query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			List<Long> values = new ArrayList<>();
			for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
				values.add(rows.getLong(i));
			}
			return values;
		}
	}

	private static List<Path> files(Path root, String suffix) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
	}

}
