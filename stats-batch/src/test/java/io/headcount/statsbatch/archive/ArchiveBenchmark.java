package io.headcount.statsbatch.archive;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.headcount.devstack.DevStack;
import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.VisitorSessionClosed;
import io.headcount.platform.events.VisitorSessionOpened;
import io.headcount.statsbatch.progress.Progress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The archive's throughput, Kafka to Parquet (docs/benchmarks.md): {@code EVENTS} visitor
 * session events (opens and closes, as the outbox relays them) are produced into a new
 * topic of 3 partitions on the devstack broker first, then one {@link Archiver} with the
 * default settings reads them until caught up, writing and committing its files. Prints
 * the figures as {@code FIGURE name value unit}: events per second, and this JVM's CPU
 * per event over the archive run (the broker's CPU is not in it). Run by
 * {@code stats-batch/archive-benchmark}; not a test.
 */
public final class ArchiveBenchmark {

	private ArchiveBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		Path directory = Files.createTempDirectory("archive-benchmark");
		DevStack stack = DevStack.shared();
		String topic = "bench" + UUID.randomUUID().toString().substring(0, 8) + ".session-events";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		long bytes = produce(stack.kafkaBootstrapServers(), topic, events);
		ArchiveSettings settings = new ArchiveSettings(directory.resolve("archive"), List.of(topic), topic + "-archive",
				200_000, Duration.ofSeconds(60), 1_000_000, Duration.ofMillis(500));
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long cpu = os.getProcessCpuTime();
		long started = System.nanoTime();
		Progress progress = new Archiver(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), settings,
				Clock.systemUTC(), Progress.of("archive-benchmark"))
			.run(true, () -> false);
		double seconds = (System.nanoTime() - started) / 1e9;
		double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
		figure("archive.events", progress.events(), "events");
		figure("archive.files", progress.files(), "files");
		figure("archive.kafka_bytes", bytes, "B");
		figure("archive.seconds", seconds, "s");
		figure("archive.events_per_second", progress.events() / seconds, "events/s");
		figure("archive.cpu_per_event", cpuSeconds * 1e6 / progress.events(), "us");
		figure("archive.cpu_cores", cpuSeconds / seconds, "cores");
		try (var files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		System.exit(0);
	}

	/**
	 * Sessions opened and closed over a day, keyed by session; returns the value bytes.
	 */
	private static long produce(String bootstrap, String topic, int events) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
				ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
		Instant start = Instant.parse("2026-12-07T00:00:00Z");
		long bytes = 0;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < events / 2; i++) {
				String session = "s" + i;
				Instant opened = start.plusMillis(i * (86_400_000L / Math.max(1, events / 2)));
				String open = EventJson.write(new VisitorSessionOpened(UUID.randomUUID().toString(), opened, "shop",
						session, "post-" + (i % 1000), false, "a" + (i % 50_000), 45_000));
				String close = EventJson.write(new VisitorSessionClosed(UUID.randomUUID().toString(),
						opened.plusSeconds(30), "shop", session, VisitorSessionClosed.CLIENT, opened.plusSeconds(29)));
				producer.send(new ProducerRecord<>(topic, session, open));
				producer.send(new ProducerRecord<>(topic, session, close));
				bytes += open.length() + close.length();
			}
			producer.flush();
		}
		return bytes;
	}

	private static void figure(String name, double value, String unit) {
		System.out.printf(Locale.ROOT, "FIGURE %s %.3f %s%n", name, value, unit);
	}

}
