package io.headcount.statsbatch.archive;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import io.headcount.statsbatch.progress.Progress;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.headcount.platform.events.EventJson;

/**
 * Archives Kafka's event topics to Parquet, exactly once. Each partition's records are
 * buffered, then written as one file per event hour, named by the partition and the
 * buffer's offset range; only when every file is on disk is the offset after the range
 * committed. A consumer that dies before committing leaves files that start at or after
 * the committed offset: whoever is assigned the partition next deletes them first and
 * reads those records again, so an event is in the archive once, whatever crashed when.
 * Events re-sent by the outbox (same {@code eventId}) are dropped within the last
 * {@link ArchiveSettings#dedupWindow()} ids of the partition.
 */
public final class Archiver {

	private static final Logger logger = LoggerFactory.getLogger(Archiver.class);

	// exact decimals (EventRecorded.value), as docs/events.md asks
	private static final JsonMapper JSON = EventJson.mapper()
		.rebuild()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final Map<String, Object> consumerConfig;

	private final ArchiveSettings settings;

	private final ArchiveFiles files;

	private final Clock clock;

	private final Progress progress;

	private final Map<TopicPartition, Buffer> buffers = new HashMap<>();

	private final Map<TopicPartition, RecentIds> recentIds = new HashMap<>();

	private final Map<TopicPartition, Long> endOffsets = new HashMap<>();

	/**
	 * @param kafka the consumer's connection settings (bootstrap servers, security); the
	 * archive sets its own group, deserializers and commit mode
	 */
	public Archiver(Map<String, Object> kafka, ArchiveSettings settings, Clock clock, Progress progress) {
		Map<String, Object> config = new HashMap<>(kafka);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumerConfig = config;
		this.settings = settings;
		this.files = new ArchiveFiles(settings.directory());
		this.clock = clock;
		this.progress = progress;
	}

	/**
	 * Archives until {@code stop} says so, or, when {@code untilCaughtUp}, until every
	 * assigned partition has been archived up to its end offset as of its assignment.
	 */
	public Progress run(boolean untilCaughtUp, BooleanSupplier stop) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig);
				ParquetWriter writer = new ParquetWriter()) {
			consumer.subscribe(this.settings.topics(), new Rebalance(consumer, writer));
			this.progress.phase("consuming");
			boolean assignedOnce = false;
			while (!stop.getAsBoolean()) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(this.settings.pollTimeout());
				for (ConsumerRecord<byte[], byte[]> record : records) {
					add(record);
				}
				this.progress.eventsRead(records.count());
				flushDue(consumer, writer, false);
				assignedOnce |= !consumer.assignment().isEmpty();
				if (untilCaughtUp && assignedOnce && caughtUp(consumer)) {
					break;
				}
			}
			this.progress.phase("writing the last files");
			flushDue(consumer, writer, true);
			this.progress.phase("done");
			return this.progress;
		}
	}

	private void add(ConsumerRecord<byte[], byte[]> record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		Buffer buffer = this.buffers.computeIfAbsent(partition, (key) -> new Buffer(this.clock.millis()));
		buffer.extend(record.offset());
		ArchiveTable table = ArchiveTable.forTopic(record.topic()).orElse(null);
		if (table == null || record.value() == null) {
			this.progress.unreadable();
			return;
		}
		String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
		try {
			JsonNode event = JSON.readTree(json);
			String eventId = event.path("eventId").asString("");
			long occurredMs = java.time.Instant.parse(event.path("occurredAt").asString()).toEpochMilli();
			if (eventId.isEmpty() || buffer.rows.containsKey(eventId) || recent(partition).contains(eventId)) {
				this.progress.duplicate();
				return;
			}
			buffer.rows.put(eventId, new Row(occurredMs, table.row(event, json, record.partition(), record.offset())));
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping unreadable event at {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.toString());
			this.progress.unreadable();
		}
	}

	private RecentIds recent(TopicPartition partition) {
		return this.recentIds.computeIfAbsent(partition, (key) -> new RecentIds(this.settings.dedupWindow()));
	}

	private void flushDue(KafkaConsumer<byte[], byte[]> consumer, ParquetWriter writer, boolean all) {
		long now = this.clock.millis();
		for (TopicPartition partition : List.copyOf(this.buffers.keySet())) {
			Buffer buffer = this.buffers.get(partition);
			if (all || buffer.rows.size() >= this.settings.fileEvents()
					|| now - buffer.startedAt >= this.settings.fileAge().toMillis()) {
				flush(consumer, writer, partition);
			}
		}
	}

	private void flush(KafkaConsumer<byte[], byte[]> consumer, ParquetWriter writer, TopicPartition partition) {
		Buffer buffer = this.buffers.remove(partition);
		if (buffer == null || buffer.firstOffset < 0) {
			return;
		}
		ArchiveTable table = ArchiveTable.forTopic(partition.topic()).orElse(null);
		if (table != null && !buffer.rows.isEmpty()) {
			Map<java.nio.file.Path, List<@Nullable Object[]>> byHour = new TreeMap<>();
			for (Row row : buffer.rows.values()) {
				byHour.computeIfAbsent(this.files.hourDirectory(table, row.occurredMs), (key) -> new ArrayList<>())
					.add(row.values);
			}
			String name = ArchiveFiles.fileName(table, partition.partition(), buffer.firstOffset, buffer.lastOffset);
			for (Map.Entry<java.nio.file.Path, List<@Nullable Object[]>> hour : byHour.entrySet()) {
				writer.write(table, hour.getValue(), hour.getKey().resolve(name));
				this.progress.fileWritten();
			}
		}
		// only now: a crash before this line leaves files that the next owner deletes
		consumer.commitSync(Map.of(partition, new OffsetAndMetadata(buffer.lastOffset + 1)));
		RecentIds recent = recent(partition);
		buffer.rows.keySet().forEach(recent::add);
	}

	private boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer) {
		for (TopicPartition partition : consumer.assignment()) {
			Long end = this.endOffsets.get(partition);
			if (end != null && consumer.position(partition) < end) {
				return false;
			}
		}
		return true;
	}

	private final class Rebalance implements ConsumerRebalanceListener {

		private final KafkaConsumer<byte[], byte[]> consumer;

		private final ParquetWriter writer;

		Rebalance(KafkaConsumer<byte[], byte[]> consumer, ParquetWriter writer) {
			this.consumer = consumer;
			this.writer = writer;
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			for (TopicPartition partition : partitions) {
				flush(this.consumer, this.writer, partition);
				Archiver.this.recentIds.remove(partition);
				Archiver.this.endOffsets.remove(partition);
			}
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			// another consumer owns them now: what was buffered is its to read again
			for (TopicPartition partition : partitions) {
				Archiver.this.buffers.remove(partition);
				Archiver.this.recentIds.remove(partition);
				Archiver.this.endOffsets.remove(partition);
			}
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			if (partitions.isEmpty()) {
				return;
			}
			Set<TopicPartition> assigned = new LinkedHashSet<>(partitions);
			Map<TopicPartition, OffsetAndMetadata> committed = this.consumer.committed(assigned);
			Map<TopicPartition, Long> beginnings = this.consumer.beginningOffsets(assigned);
			Archiver.this.endOffsets.putAll(this.consumer.endOffsets(assigned));
			for (TopicPartition partition : assigned) {
				OffsetAndMetadata offset = committed.get(partition);
				long from = (offset != null) ? offset.offset() : beginnings.getOrDefault(partition, 0L);
				ArchiveTable.forTopic(partition.topic()).ifPresent((table) -> {
					int deleted = Archiver.this.files.deleteUncommitted(table, partition.partition(), from);
					if (deleted > 0) {
						logger.info("Deleted {} uncommitted archive file(s) of {} from offset {}", deleted, partition,
								from);
					}
					// a re-send can straddle a restart: remember what the last flushes
					// wrote
					RecentIds recent = recent(partition);
					this.writer.eventIds(Archiver.this.files.newestFiles(table, partition.partition(), 2))
						.forEach(recent::add);
				});
			}
		}

	}

	private static final class Buffer {

		final long startedAt;

		final LinkedHashMap<String, Row> rows = new LinkedHashMap<>();

		long firstOffset = -1;

		long lastOffset = -1;

		Buffer(long startedAt) {
			this.startedAt = startedAt;
		}

		void extend(long offset) {
			if (this.firstOffset < 0) {
				this.firstOffset = offset;
			}
			this.lastOffset = offset;
		}

	}

	private record Row(long occurredMs, @Nullable Object[] values) {
	}

	/** The last {@code capacity} ids seen, oldest forgotten first. */
	private static final class RecentIds {

		private final int capacity;

		private final LinkedHashSet<String> ids = new LinkedHashSet<>();

		RecentIds(int capacity) {
			this.capacity = capacity;
		}

		boolean contains(String id) {
			return this.ids.contains(id);
		}

		void add(String id) {
			if (this.capacity == 0) {
				return;
			}
			this.ids.add(id);
			if (this.ids.size() > this.capacity) {
				this.ids.removeFirst();
			}
		}

	}

}
