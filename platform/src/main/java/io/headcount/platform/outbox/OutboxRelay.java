package io.headcount.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.headcount.platform.redis.LuaScript;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.platform.scheduling.PeriodicWorker;

import org.springframework.context.SmartLifecycle;

/**
 * Moves the records of one service's outbox streams to Kafka, on every instance, each
 * stream under a short lease so that one relay at a time sends it.
 * <p>
 * One {@link PeriodicWorker} thread takes turns. In a turn it renews the leases it holds
 * and takes free ones up to its fair share (the streams divided by the relays that
 * announced themselves in Redis), reads each held stream's oldest records in the same
 * script call ({@code relay.lua}), waits with {@code WAIT} until a replica has them (so
 * that a failover cannot lose a change whose event Kafka already has), and hands them to
 * the idempotent producer keyed by entity. Each stream has at most one read on its way to
 * Kafka; once Kafka acknowledged it, the relay deletes it ({@code XTRIM MINID}, never
 * past what was acknowledged) and reads again. A relay killed after Kafka's
 * acknowledgement and before the delete leaves the records in place for the next lease
 * holder, which sends them again with the same event ids. A record Kafka refuses for good
 * (too large, a topic that cannot exist) is logged, counted and deleted, so that it
 * cannot stall its stream.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private static final LuaScript RELAY = LuaScript.load(OutboxRelay.class, "relay.lua");

	private static final LuaScript RELAYS = LuaScript.load(OutboxRelay.class, "relays.lua");

	private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	/** Called after Kafka acknowledged records and before they are deleted. */
	@FunctionalInterface
	interface AfterAcknowledgement {

		void acknowledged(String stream, List<String> entryIds);

	}

	private final OutboxStreams streams;

	private final RedisConnections connections;

	private final RedisCalls calls;

	private final Supplier<Producer<String, String>> producers;

	private final OutboxProperties properties;

	private final String holderId;

	private final AfterAcknowledgement afterAcknowledgement;

	private final List<StreamState> states;

	private final PeriodicWorker worker;

	private final Counter relayed;

	private final Counter failed;

	private final Counter rejected;

	private final Counter replicaTimeouts;

	private final MultiGauge backlogByNode;

	private final MultiGauge ageByNode;

	private volatile @Nullable Producer<String, String> producer;

	private volatile boolean draining;

	private volatile Snapshot snapshot = new Snapshot(0, 0, 0);

	private int liveRelays = 1;

	/** Whether the last turn read records or has some on their way to Kafka. */
	private boolean active;

	private Duration idlePause;

	private long nextAnnounceNanos = System.nanoTime();

	private long lastLogNanos = System.nanoTime() - LOG_INTERVAL_NANOS;

	/**
	 * @param producers makes the Kafka producer on each start (idempotent,
	 * {@code acks=all}); stop closes it
	 * @param instance this instance's id, for the lease holder's name
	 */
	public OutboxRelay(OutboxStreams streams, RedisConnections connections, RedisCalls calls,
			Supplier<Producer<String, String>> producers, OutboxProperties properties, MeterRegistry registry,
			String instance) {
		this(streams, connections, calls, producers, properties, registry, instance, (stream, ids) -> {
		});
	}

	OutboxRelay(OutboxStreams streams, RedisConnections connections, RedisCalls calls,
			Supplier<Producer<String, String>> producers, OutboxProperties properties, MeterRegistry registry,
			String instance, AfterAcknowledgement afterAcknowledgement) {
		this.streams = streams;
		this.connections = connections;
		this.calls = calls;
		this.producers = producers;
		this.properties = properties;
		this.afterAcknowledgement = afterAcknowledgement;
		// the random part tells two relays of one process apart (test contexts)
		this.holderId = instance + "/" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
		this.states = streams.keys().stream().map(StreamState::new).toList();
		this.idlePause = properties.pollInterval();
		this.worker = PeriodicWorker.looping("headcount-outbox-relay-" + streams.name(), this::turnAndPause);
		Tags tags = Tags.of("outbox", streams.name());
		this.relayed = Counter.builder("headcount.outbox.relayed")
			.tags(tags)
			.description("Outbox records acknowledged by Kafka and deleted from their stream")
			.register(registry);
		this.failed = Counter.builder("headcount.outbox.send.failures")
			.tags(tags)
			.description("Outbox records Kafka did not take, read and sent again later")
			.register(registry);
		this.rejected = Counter.builder("headcount.outbox.rejected")
			.tags(tags)
			.description("Outbox records Kafka refused for good (too large, invalid topic), deleted")
			.register(registry);
		this.replicaTimeouts = Counter.builder("headcount.outbox.replica.timeouts")
			.tags(tags)
			.description("Reads held back because no replica confirmed them within the replica timeout")
			.register(registry);
		this.backlogByNode = MultiGauge.builder("headcount.outbox.backlog")
			.tags(tags)
			.description("Records in the outbox streams this instance relays, per Redis master")
			.register(registry);
		this.ageByNode = MultiGauge.builder("headcount.outbox.oldest.age")
			.tags(tags)
			.baseUnit("seconds")
			.description("Age of the oldest record in the outbox streams this instance relays, per Redis master")
			.register(registry);
		Gauge.builder("headcount.outbox.streams.held", this, (relay) -> relay.snapshot.streamsHeld())
			.tags(tags)
			.description("Outbox streams whose lease this instance holds")
			.register(registry);
	}

	/** What this relay holds right now, for health and tests. */
	public Snapshot snapshot() {
		return this.snapshot;
	}

	public OutboxStreams streams() {
		return this.streams;
	}

	public OutboxProperties properties() {
		return this.properties;
	}

	private void turnAndPause() {
		boolean busy;
		try {
			busy = turn();
		}
		catch (RuntimeException ex) {
			logNow("Outbox relay {} could not take its turn (will retry): {}", this.streams.name(), ex.toString());
			pause(this.properties.retryBackoff());
			return;
		}
		if (busy || this.active) {
			this.idlePause = this.properties.pollInterval();
			if (!busy) {
				pause(this.properties.pollInterval());
			}
			return;
		}
		// nothing to read or on its way to Kafka: poll less often, up to
		// idle-poll-interval
		// (docs/architecture.md measures what 20 polls a second of empty streams cost
		// Redis)
		pause(this.idlePause);
		Duration doubled = this.idlePause.multipliedBy(2);
		this.idlePause = (doubled.compareTo(this.properties.idlePollInterval()) < 0) ? doubled
				: this.properties.idlePollInterval();
	}

	private static void pause(Duration pause) {
		LockSupport.parkNanos(pause.toNanos());
	}

	/**
	 * One turn.
	 * @return whether a stream had more records than one read takes
	 */
	boolean turn() {
		StatefulRedisClusterConnection<String, String> connection = this.connections.outbox();
		long now = System.nanoTime();
		announce(connection, now);
		finishAcknowledged(connection);
		Map<RedisClusterNode, List<Claim>> claims = claims(connection.getPartitions(), now);
		List<CompletableFuture<?>> replies = new ArrayList<>();
		Map<RedisClusterNode, RedisAsyncCommands<String, String>> nodes = new HashMap<>();
		claims.forEach((node, list) -> {
			RedisAsyncCommands<String, String> commands = connection
				.getConnection(node.getUri().getHost(), node.getUri().getPort())
				.async();
			nodes.put(node, commands);
			for (Claim claim : list) {
				claim.reply = RedisCalls.eval(commands, RELAY, claim.keys(), claim.args(this.holderId, this.properties))
					.handle((reply, failure) -> (failure == null) ? reply : failure);
				replies.add(claim.reply);
			}
		});
		this.calls.await(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)));
		boolean busy = false;
		Map<RedisClusterNode, List<Claim>> reads = new LinkedHashMap<>();
		for (Map.Entry<RedisClusterNode, List<Claim>> entry : claims.entrySet()) {
			for (Claim claim : entry.getValue()) {
				if (claim.answered(now, this.properties) && !claim.records().isEmpty()) {
					reads.computeIfAbsent(entry.getKey(), (node) -> new ArrayList<>()).add(claim);
					busy |= claim.records().size() >= this.properties.batchSize();
				}
			}
		}
		send(replicated(reads, nodes));
		this.active = !reads.isEmpty() || this.states.stream().anyMatch((stream) -> stream.batch != null);
		updateMetrics();
		return busy;
	}

	/**
	 * Announces this relay every third of a lease and learns how many relays there are.
	 */
	private void announce(StatefulRedisClusterConnection<String, String> connection, long now) {
		if (now < this.nextAnnounceNanos) {
			return;
		}
		List<Object> live = this.calls
			.await(RedisCalls.eval(connection.async(), RELAYS, new String[] { this.streams.relaysKey() }, this.holderId,
					Long.toString(this.properties.leaseTtl().toMillis()), "announce"));
		this.liveRelays = Math.max(1, (int) asLong(live));
		this.nextAnnounceNanos = now + this.properties.leaseTtl().toNanos() / 3;
	}

	/**
	 * Deletes what Kafka acknowledged (the longest acknowledged run from the oldest), and
	 * frees streams whose delete is done.
	 */
	private void finishAcknowledged(StatefulRedisClusterConnection<String, String> connection) {
		for (StreamState stream : this.states) {
			Batch batch = stream.batch;
			if (batch == null) {
				continue;
			}
			if (stream.trim != null) {
				if (stream.trim.isDone()) {
					stream.trim = null;
					stream.batch = null;
				}
				continue;
			}
			if (!batch.settled()) {
				continue;
			}
			int done = batch.acknowledgedRun();
			if (done < batch.ids.size()) {
				this.failed.increment(batch.ids.size() - done);
				stream.retryAtNanos = System.nanoTime() + this.properties.retryBackoff().toNanos();
				logNow("Kafka did not take {} of {} records of {} (will resend): {}", batch.ids.size() - done,
						batch.ids.size(), stream.key, String.valueOf(batch.firstFailure()));
			}
			if (done == 0) {
				stream.batch = null;
				continue;
			}
			List<String> acknowledged = batch.ids.subList(0, done);
			this.afterAcknowledgement.acknowledged(stream.key, acknowledged);
			this.relayed.increment(done - batch.rejected(done));
			this.rejected.increment(batch.rejected(done));
			RedisFuture<Long> trim = connection.async()
				.xtrim(stream.key, new XTrimArgs().minId(OutboxRecord.after(acknowledged.getLast())));
			stream.trim = trim.toCompletableFuture().handle((count, failure) -> {
				if (failure != null) {
					logNow("Could not delete relayed records of {} (they will be sent again): {}", stream.key,
							failure.toString());
				}
				return null;
			});
		}
	}

	private Map<RedisClusterNode, List<Claim>> claims(Partitions partitions, long now) {
		int fairShare = (this.states.size() + this.liveRelays - 1) / this.liveRelays;
		int held = 0;
		for (StreamState stream : this.states) {
			held += stream.held ? 1 : 0;
		}
		Map<RedisClusterNode, List<Claim>> claims = new LinkedHashMap<>();
		for (StreamState stream : this.states) {
			boolean canRead = stream.batch == null && !this.draining && now >= stream.retryAtNanos;
			Claim claim;
			if (stream.held) {
				if (stream.batch == null && held > fairShare) {
					claim = new Claim(stream, Claim.RELEASE);
					held--;
				}
				else {
					claim = new Claim(stream, canRead ? this.properties.batchSize() : 0);
				}
			}
			else if (canRead && held < fairShare) {
				claim = new Claim(stream, this.properties.batchSize());
				held++;
			}
			else {
				continue;
			}
			RedisClusterNode node = partitions.getMasterBySlot(stream.slot);
			if (node == null || node.getUri() == null) {
				continue; // topology not known yet: the next turn
			}
			stream.node = node.getUri().getHost() + ":" + node.getUri().getPort();
			claims.computeIfAbsent(node, (n) -> new ArrayList<>()).add(claim);
		}
		return claims;
	}

	/**
	 * The reads a replica confirmed: one {@code WAIT} per node after its claims, which
	 * wrote the lease after every record they read, so a confirmed lease write means
	 * confirmed records.
	 */
	private List<Claim> replicated(Map<RedisClusterNode, List<Claim>> reads,
			Map<RedisClusterNode, RedisAsyncCommands<String, String>> nodes) {
		if (this.properties.replicas() == 0) {
			return reads.values().stream().flatMap(List::stream).toList();
		}
		Map<RedisClusterNode, CompletableFuture<Object>> waits = new HashMap<>();
		reads.forEach((node, list) -> waits.put(node,
				nodes.get(node)
					.waitForReplication(this.properties.replicas(), this.properties.replicaTimeout().toMillis())
					.toCompletableFuture()
					.handle((acks, failure) -> (failure == null) ? acks : failure)));
		this.calls.await(CompletableFuture.allOf(waits.values().toArray(CompletableFuture[]::new)));
		List<Claim> confirmed = new ArrayList<>();
		reads.forEach((node, list) -> {
			Object acks = waits.get(node).join();
			if (acks instanceof Long count && count >= this.properties.replicas()) {
				confirmed.addAll(list);
			}
			else {
				this.replicaTimeouts.increment();
				logNow("No replica of {} confirmed outbox records within {} ms; holding them back: {}", node.getUri(),
						this.properties.replicaTimeout().toMillis(), String.valueOf(acks));
			}
		});
		return confirmed;
	}

	private void send(List<Claim> reads) {
		Producer<String, String> kafka = this.producer;
		if (kafka == null) {
			return;
		}
		for (Claim claim : reads) {
			StreamState stream = claim.stream;
			List<Object> records = claim.records();
			Batch batch = new Batch(records.size());
			@Nullable RuntimeException refused = null;
			for (Object item : records) {
				List<?> entry = (List<?>) item;
				String id = (String) entry.get(0);
				CompletableFuture<Boolean> ack = new CompletableFuture<>();
				batch.add(id, ack);
				if (refused != null) {
					// an earlier record was not handed over: a later one must not
					// overtake it
					ack.completeExceptionally(refused);
					continue;
				}
				ProducerRecord<String, String> record = record(stream.key, id, (List<?>) entry.get(1));
				if (record == null) {
					ack.complete(false);
					continue;
				}
				try {
					kafka.send(record, (metadata, failure) -> {
						if (failure == null) {
							ack.complete(true);
						}
						else if (isPermanent(failure)) {
							logger.error("Kafka refused outbox record {} of {} for good, deleting it: {}", id,
									stream.key, failure.toString());
							ack.complete(false);
						}
						else {
							ack.completeExceptionally(failure);
						}
					});
				}
				catch (RuntimeException ex) {
					refused = ex;
					ack.completeExceptionally(ex);
				}
			}
			stream.batch = batch;
		}
	}

	/** The Kafka record of one stream entry, or null (logged) when it is malformed. */
	private @Nullable ProducerRecord<String, String> record(String stream, String id, List<?> fields) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i + 1 < fields.size(); i += 2) {
			values.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
		}
		String topic = values.get(OutboxRecord.TOPIC);
		String payload = values.get(OutboxRecord.PAYLOAD);
		String ts = values.get(OutboxRecord.TS);
		if (topic == null || payload == null || ts == null) {
			logger.error("Outbox record {} of {} lacks topic, ts or payload, deleting it: {}", id, stream, values);
			return null;
		}
		try {
			String value = OutboxRecord.kafkaValue(OutboxRecord.eventId(stream, id), Long.parseLong(ts), payload);
			return new ProducerRecord<>(topic, values.get(OutboxRecord.KEY), value);
		}
		catch (IllegalArgumentException ex) {
			logger.error("Outbox record {} of {} is malformed, deleting it: {}", id, stream, ex.getMessage());
			return null;
		}
	}

	private static boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RecordTooLargeException || cause instanceof InvalidTopicException) {
				return true;
			}
		}
		return false;
	}

	private void updateMetrics() {
		Map<String, long[]> byNode = new LinkedHashMap<>();
		int held = 0;
		long backlog = 0;
		long oldest = 0;
		for (StreamState stream : this.states) {
			if (!stream.held || stream.node == null) {
				continue;
			}
			held++;
			long age = (stream.oldestMillis > 0) ? Math.max(0, stream.redisNowMillis - stream.oldestMillis) : 0;
			backlog += stream.backlog;
			oldest = Math.max(oldest, age);
			long[] figures = byNode.computeIfAbsent(stream.node, (node) -> new long[2]);
			figures[0] += stream.backlog;
			figures[1] = Math.max(figures[1], age);
		}
		this.snapshot = new Snapshot(held, backlog, oldest);
		this.backlogByNode.register(byNode.entrySet()
			.stream()
			.map((e) -> MultiGauge.Row.of(Tags.of("node", e.getKey()), e.getValue()[0]))
			.toList(), true);
		this.ageByNode.register(byNode.entrySet()
			.stream()
			.map((e) -> MultiGauge.Row.of(Tags.of("node", e.getKey()), e.getValue()[1] / 1000.0))
			.toList(), true);
	}

	private void logNow(String format, Object... arguments) {
		long now = System.nanoTime();
		if (now - this.lastLogNanos > LOG_INTERVAL_NANOS) {
			this.lastLogNanos = now;
			logger.warn(format, arguments);
		}
	}

	@Override
	public synchronized void start() {
		if (this.worker.isRunning()) {
			return;
		}
		this.draining = false;
		this.producer = this.producers.get();
		this.worker.start();
	}

	/**
	 * Waits (up to {@code shutdown-timeout}) for records on their way to Kafka to be
	 * acknowledged and deleted, then gives the leases up so that another instance takes
	 * over at once.
	 */
	@Override
	public synchronized void stop() {
		if (!this.worker.isRunning()) {
			return;
		}
		this.draining = true;
		long deadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
		while (this.states.stream().anyMatch((stream) -> stream.batch != null) && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		this.worker.stop();
		release();
		Producer<String, String> kafka = this.producer;
		this.producer = null;
		if (kafka != null) {
			kafka.close(Duration.ofSeconds(1));
		}
	}

	/**
	 * Stops as a killed process would: no drain, no delete of what Kafka acknowledged, no
	 * release of the leases, which run out by themselves. For tests.
	 */
	synchronized void crash() {
		this.worker.stop();
		Producer<String, String> kafka = this.producer;
		this.producer = null;
		if (kafka != null) {
			kafka.close(Duration.ZERO);
		}
	}

	private void release() {
		try {
			StatefulRedisClusterConnection<String, String> connection = this.connections.outbox();
			List<CompletableFuture<List<Object>>> releases = new ArrayList<>();
			for (StreamState stream : this.states) {
				if (stream.held) {
					stream.held = false;
					releases.add(RedisCalls.eval(connection.async(), RELAY,
							new String[] { stream.key, OutboxStreams.leaseKey(stream.key) }, "release", this.holderId,
							"1", "0"));
				}
			}
			releases.add(RedisCalls.eval(connection.async(), RELAYS, new String[] { this.streams.relaysKey() },
					this.holderId, Long.toString(this.properties.leaseTtl().toMillis()), "leave"));
			this.calls.await(CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not give the outbox leases up; they expire by themselves", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker.isRunning();
	}

	/**
	 * Starts late and stops early, but after the web server has finished its last
	 * requests (phase {@code DEFAULT_PHASE - 2048}), so that their records are still
	 * relayed; before platform's Redis connections stop.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private static long asLong(@Nullable Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value instanceof List<?> list && !list.isEmpty()) {
			return asLong(list.getFirst());
		}
		return (value == null) ? 0 : Long.parseLong(value.toString());
	}

	/**
	 * What a relay holds.
	 *
	 * @param streamsHeld streams whose lease it holds
	 * @param backlog records in them
	 * @param oldestAgeMillis age of the oldest record in them
	 */
	public record Snapshot(int streamsHeld, long backlog, long oldestAgeMillis) {

	}

	/** One stream as this relay sees it; only the relay thread touches it. */
	private static final class StreamState {

		final String key;

		final int slot;

		boolean held;

		long retryAtNanos;

		@Nullable String node;

		long backlog;

		long oldestMillis;

		long redisNowMillis;

		/** The read on its way to Kafka, until its records are deleted. */
		@Nullable Batch batch;

		@Nullable CompletableFuture<?> trim;

		StreamState(String key) {
			this.key = key;
			this.slot = SlotHash.getSlot(key);
		}

	}

	/** One script call on one stream: claim (and read), renew, or release. */
	private static final class Claim {

		static final int RELEASE = -1;

		final StreamState stream;

		final int count;

		@Nullable CompletableFuture<Object> reply;

		private List<Object> records = List.of();

		Claim(StreamState stream, int count) {
			this.stream = stream;
			this.count = count;
		}

		String[] keys() {
			return new String[] { this.stream.key, OutboxStreams.leaseKey(this.stream.key) };
		}

		String[] args(String holder, OutboxProperties properties) {
			return new String[] { (this.count == RELEASE) ? "release" : "claim", holder,
					Long.toString(properties.leaseTtl().toMillis()), Integer.toString(Math.max(0, this.count)) };
		}

		/**
		 * Reads the reply into the stream's state.
		 * @return whether the reply carries records to send
		 */
		@SuppressWarnings("unchecked")
		boolean answered(long nowNanos, OutboxProperties properties) {
			Object reply = (this.reply != null) ? this.reply.join() : null;
			if (!(reply instanceof List<?> values)) {
				// Redis failed this call: we may or may not still hold the lease; it
				// runs out if we do not renew
				this.stream.retryAtNanos = nowNanos + properties.retryBackoff().toNanos();
				return false;
			}
			if (this.count == RELEASE) {
				this.stream.held = false;
				return false;
			}
			if (asLong(values.get(0)) == 0) {
				this.stream.held = false;
				long pttl = asLong(values.get(1));
				this.stream.retryAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(Math.max(0, pttl));
				return false;
			}
			this.stream.held = true;
			this.stream.redisNowMillis = asLong(values.get(1));
			this.stream.backlog = asLong(values.get(2));
			List<Object> entries = (List<Object>) values.get(3);
			this.stream.oldestMillis = entries.isEmpty() ? 0
					: OutboxRecord.millisOf((String) ((List<?>) entries.getFirst()).get(0));
			if (this.count > 0) {
				this.records = entries;
				return true;
			}
			return false;
		}

		List<Object> records() {
			return this.records;
		}

	}

	/**
	 * One read on its way to Kafka: an acknowledgement per record, true when Kafka has
	 * it, false when Kafka refused it for good (it is deleted all the same).
	 */
	private static final class Batch {

		final List<String> ids;

		final List<CompletableFuture<Boolean>> acks;

		Batch(int size) {
			this.ids = new ArrayList<>(size);
			this.acks = new ArrayList<>(size);
		}

		void add(String id, CompletableFuture<Boolean> ack) {
			this.ids.add(id);
			this.acks.add(ack);
		}

		boolean settled() {
			return this.acks.stream().allMatch(CompletableFuture::isDone);
		}

		/** How many records from the oldest on are settled without failure. */
		int acknowledgedRun() {
			int run = 0;
			while (run < this.acks.size() && !this.acks.get(run).isCompletedExceptionally()) {
				run++;
			}
			return run;
		}

		/** Of the first {@code run} records, how many Kafka refused for good. */
		int rejected(int run) {
			int rejected = 0;
			for (int i = 0; i < run; i++) {
				if (!this.acks.get(i).join()) {
					rejected++;
				}
			}
			return rejected;
		}

		@Nullable Throwable firstFailure() {
			for (CompletableFuture<Boolean> ack : this.acks) {
				if (ack.isCompletedExceptionally()) {
					return ack.exceptionNow();
				}
			}
			return null;
		}

	}

}
