package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

import io.headcount.counter.Api;
import io.headcount.platform.events.CounterChanged;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisConnections;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

/**
 * The likes, views and counter changes ({@code hits}) a test sends under load, and what
 * became of each: answered 200, refused because the outbox was full (503 + Retry-After:
 * nothing may be applied), or unanswered (applied or not). Afterwards Redis itself tells
 * which changes it applied: a like by its user in the likers set, a view or counter
 * change by its Idempotency-Key's stored response. {@link #verify} then holds the events
 * against that: one event id for every applied change, none for any other.
 * <p>
 * Every like is by a user of its own, every view and counter change carries a key of its
 * own, so each change has one identity in Redis and in its event.
 */
final class ChangeLedger {

	enum Kind {

		LIKE, VIEW, HIT

	}

	record Change(Kind kind, String objectId, String user, String key) {

		String path() {
			return switch (this.kind) {
				case LIKE -> "/v1/objects/" + this.objectId + "/likes/me";
				case VIEW -> "/v1/objects/" + this.objectId + "/views";
				case HIT -> "/v1/objects/" + this.objectId + "/counters/hits";
			};
		}

		/** Its identity, as its event shows it too. */
		String id() {
			return (this.kind == Kind.LIKE) ? this.objectId + " liked by " + this.user : this.key;
		}

		/** The Redis key that holds the first response of its Idempotency-Key. */
		String idempotencyRecord() {
			String field = (this.kind == Kind.VIEW) ? CounterField.VIEWS : CounterField.generic("hits");
			return CounterKeys.counts(this.objectId) + ":idem:" + field + ":" + this.user + ":" + this.key;
		}

		Api.Response sendTo(Api api) {
			return switch (this.kind) {
				case LIKE -> api.put(this.user, path());
				case VIEW -> api.post(this.user, path(), Map.of("Idempotency-Key", this.key));
				case HIT ->
					api.put(this.user, path(), "{\"action\":\"increment\"}", Map.of("Idempotency-Key", this.key));
			};
		}

	}

	/** What Redis applied, by {@link Change#id()}, and how the unanswered came out. */
	record Applied(Set<String> ids, int unanswered, int appliedButUnanswered, int acknowledgedButLost) {

	}

	private final String run;

	private final List<String> objects;

	private final AtomicLong sequence = new AtomicLong();

	private final Set<Change> sent = ConcurrentHashMap.newKeySet();

	private final Set<Change> acknowledged = ConcurrentHashMap.newKeySet();

	private final Set<Change> refused = ConcurrentHashMap.newKeySet();

	/** How many answers came with each status. */
	private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

	/**
	 * Unanswered changes sent again, and those of them whose first sending was applied.
	 */
	private final Set<Change> resent = ConcurrentHashMap.newKeySet();

	private final Set<Change> replayed = ConcurrentHashMap.newKeySet();

	ChangeLedger(String run, List<String> objects) {
		this.run = run;
		this.objects = List.copyOf(objects);
	}

	/** A ledger over {@code count} objects of its own. */
	static ChangeLedger ofNewObjects(String run, int count) {
		return new ChangeLedger(run, IntStream.range(0, count).mapToObj((i) -> run + "-" + i).toList());
	}

	List<String> objects() {
		return this.objects;
	}

	boolean isOurs(String objectId) {
		return objectId.startsWith(this.run + "-");
	}

	/** The next change: likes, views and counter changes in turn, on a random object. */
	Change next() {
		long n = this.sequence.incrementAndGet();
		Kind kind = Kind.values()[(int) (n % 3)];
		String object = this.objects.get(ThreadLocalRandom.current().nextInt(this.objects.size()));
		String user = (kind == Kind.LIKE) ? "liker-" + this.run + "-" + n : "viewer-" + (n % 16);
		return new Change(kind, object, user, this.run + "-" + n);
	}

	/**
	 * Sends a change and files its outcome.
	 * @return the status, or 0 when no answer came (the instance is gone)
	 */
	int send(Api api, Change change) {
		this.sent.add(change);
		Api.Response response;
		try {
			response = change.sendTo(api);
		}
		catch (RuntimeException ex) {
			return 0;
		}
		this.statuses.merge(response.status(), 1, Integer::sum);
		if (response.status() == 200) {
			this.acknowledged.add(change);
		}
		else if (isBacklogFull(response)) {
			this.refused.add(change);
		}
		return response.status();
	}

	static boolean isBacklogFull(Api.Response response) {
		return response.status() == 503 && response.header("Retry-After") != null
				&& response.body().contains("outbox holds its limit");
	}

	/**
	 * {@code clients} loops, each sending the next change to {@code target} and pausing
	 * {@code pause} after it, until {@code stop}; a loop whose instance stopped answering
	 * ends. Returns once every loop ended.
	 * @param latencies told each answered request's time in nanoseconds
	 */
	void drive(int clients, IntFunction<Api> target, Duration pause, AtomicBoolean stop, LongConsumer latencies) {
		List<Thread> loops = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			loops.add(Thread.ofVirtual().name("load-" + c).start(() -> {
				while (!stop.get()) {
					long started = System.nanoTime();
					if (send(target.apply(client), next()) == 0) {
						return;
					}
					latencies.accept(System.nanoTime() - started);
					if (!pause.isZero()) {
						LockSupport.parkNanos(pause.toNanos());
					}
				}
			}));
		}
		for (Thread loop : loops) {
			try {
				loop.join(TimeUnit.MINUTES.toMillis(3));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	int acknowledged() {
		return this.acknowledged.size();
	}

	/** How many answers came with each status, sorted by status. */
	Map<Integer, Integer> statuses() {
		return new java.util.TreeMap<>(this.statuses);
	}

	int refused() {
		return this.refused.size();
	}

	/**
	 * Sends every unanswered view and counter change again through {@code live}, with its
	 * Idempotency-Key, as {@code KillNineIntegrationTests} does: a replay means the first
	 * sending was applied; otherwise it is applied now.
	 * @return how many of them had been applied
	 */
	int resendUnanswered(Api live) {
		int replayed = 0;
		for (Change change : unanswered()) {
			if (change.kind() == Kind.LIKE) {
				continue;
			}
			Api.Response retry = change.sendTo(live);
			assertThat(retry.status()).as("resending %s: %s", change, retry).isEqualTo(200);
			this.resent.add(change);
			if ("true".equals(retry.header("Idempotent-Replayed"))) {
				this.replayed.add(change);
				replayed++;
			}
		}
		return replayed;
	}

	private List<Change> unanswered() {
		return this.sent.stream().filter((c) -> !this.acknowledged.contains(c) && !this.refused.contains(c)).toList();
	}

	/**
	 * Asks Redis which changes it applied: likers sets and stored Idempotency-Key
	 * responses.
	 */
	Applied applied(RedisConnections redis) {
		RedisAdvancedClusterAsyncCommands<String, String> commands = redis.async();
		Map<Change, CompletableFuture<Boolean>> checks = new HashMap<>();
		for (Change change : this.sent) {
			CompletableFuture<Boolean> applied = (change.kind() == Kind.LIKE)
					? commands.sismember(CounterKeys.likers(change.objectId()), change.user()).toCompletableFuture()
					: commands.get(change.idempotencyRecord())
						.toCompletableFuture()
						.thenApply((stored) -> stored != null);
			checks.put(change, applied);
		}
		CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new))
			.orTimeout(60, TimeUnit.SECONDS)
			.join();
		Set<String> ids = new HashSet<>();
		Set<Change> unanswered = new HashSet<>(unanswered());
		int appliedButUnanswered = 0;
		int lost = 0;
		for (Map.Entry<Change, CompletableFuture<Boolean>> check : checks.entrySet()) {
			Change change = check.getKey();
			boolean applied = check.getValue().join();
			if (applied) {
				ids.add(change.id());
				// a change sent again was applied before if the resend was a replay
				boolean before = !this.resent.contains(change) || this.replayed.contains(change);
				appliedButUnanswered += (unanswered.contains(change) && before) ? 1 : 0;
			}
			else if (this.acknowledged.contains(change)) {
				lost++;
			}
			assertThat(applied && this.refused.contains(change))
				.as("%s was refused (outbox full) and must not be applied", change)
				.isFalse();
		}
		return new Applied(ids, unanswered.size(), appliedButUnanswered, lost);
	}

	/**
	 * Holds the events against what Redis applied: exactly one event id for every applied
	 * change, and no event of any other; the objects' counts in Redis equal their applied
	 * changes. Prints the figures.
	 * @return the number of duplicates (events whose id came before)
	 */
	int verify(String what, List<CounterChanged> events, Applied applied, RedisConnections redis) {
		Map<String, Set<String>> idsByChange = new LinkedHashMap<>();
		Set<String> eventIds = new HashSet<>();
		int ours = 0;
		for (CounterChanged event : events) {
			if (!isOurs(event.objectId())) {
				continue;
			}
			ours++;
			eventIds.add(event.eventId());
			String change = event.counter().equals(CounterField.LIKES)
					? event.objectId() + " liked by " + event.actorId() : event.idempotencyKey();
			idsByChange.computeIfAbsent(change, (c) -> new HashSet<>()).add(event.eventId());
		}
		int duplicates = ours - eventIds.size();
		long twice = idsByChange.values().stream().filter((ids) -> ids.size() > 1).count();
		System.out
			.printf("%s: %d changes sent, %d acknowledged, %d refused (outbox full), %d unanswered (%d of them applied), "
					+ "%d acknowledged but lost; Redis applied %d; Kafka holds %d events of them with %d distinct ids: "
					+ "%d duplicates (same id), %d changes with two ids, %d applied changes without an event%n", what,
					this.sent.size(), this.acknowledged.size(), this.refused.size(), applied.unanswered(),
					applied.appliedButUnanswered(), applied.acknowledgedButLost(), applied.ids().size(), ours,
					eventIds.size(), duplicates, twice,
					applied.ids().stream().filter((id) -> !idsByChange.containsKey(id)).count());
		assertThat(idsByChange.keySet()).as("%s: the changes that have events are those Redis applied", what)
			.containsExactlyInAnyOrderElementsOf(applied.ids());
		assertThat(twice).as("%s: changes with more than one event id", what).isZero();
		for (String object : this.objects) {
			Map<String, String> counts = redis.connection().sync().hgetall(CounterKeys.counts(object));
			assertThat(count(counts, CounterField.LIKES)).as("%s likes", object)
				.isEqualTo(count(applied, object, Kind.LIKE))
				.isEqualTo(redis.connection().sync().scard(CounterKeys.likers(object)));
			assertThat(count(counts, CounterField.VIEWS)).as("%s views", object)
				.isEqualTo(count(applied, object, Kind.VIEW));
			assertThat(count(counts, CounterField.generic("hits"))).as("%s hits", object)
				.isEqualTo(count(applied, object, Kind.HIT));
		}
		return duplicates;
	}

	private long count(Applied applied, String object, Kind kind) {
		return this.sent.stream()
			.filter((c) -> c.kind() == kind && c.objectId().equals(object) && applied.ids().contains(c.id()))
			.count();
	}

	private static long count(Map<String, String> counts, String field) {
		return Long.parseLong(counts.getOrDefault(field, "0"));
	}

	/** Whether every stream of the outbox is empty: all its records reached Kafka. */
	static boolean drained(OutboxStreams outbox, RedisConnections redis) {
		return outbox.keys().stream().allMatch((key) -> redis.connection().sync().xlen(key) == 0);
	}

}
