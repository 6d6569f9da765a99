package io.headcount.counter.counters.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import org.junit.jupiter.api.Test;

import io.headcount.platform.redis.RedisUnavailableException;

class WriteCoalescerTests {

	/** How long a change may wait when a test does not say. */
	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Sends a batch as the rounds thread does: takes its changes, answers an empty one at
	 * once.
	 */
	static WriteCoalescer.BatchSender sending(
			BiFunction<String, List<Change>, CompletableFuture<List<ChangeResult>>> call) {
		return (batch) -> {
			List<Change> changes = batch.changes();
			if (changes.isEmpty()) {
				batch.result().complete(List.of());
				return;
			}
			call.apply(batch.objectId(), changes).whenComplete((results, failure) -> {
				if (failure != null) {
					batch.result().completeExceptionally(failure);
				}
				else {
					batch.result().complete(results);
				}
			});
		};
	}

	static WriteCoalescer coalescer(WriteCoalescer.BatchSender sender, int maxBatch, IntConsumer batchSizes) {
		return new WriteCoalescer(sender, maxBatch, batchSizes, (id) -> false, Duration.ZERO, TIMEOUT);
	}

	/**
	 * A sender whose calls stay open until the test completes them, like Redis answering
	 * later.
	 */
	static final class ManualSender implements WriteCoalescer.BatchSender {

		final ConcurrentLinkedQueue<CompletableFuture<List<ChangeResult>>> open = new ConcurrentLinkedQueue<>();

		final List<List<Change>> calls = new CopyOnWriteArrayList<>();

		private final WriteCoalescer.BatchSender sending = sending(this::call);

		@Override
		public void send(ObjectBatch batch) {
			this.sending.send(batch);
		}

		private CompletableFuture<List<ChangeResult>> call(String objectId, List<Change> changes) {
			this.calls.add(changes);
			CompletableFuture<List<ChangeResult>> call = new CompletableFuture<>();
			call.thenApply((r) -> r); // keep it simple: answered by answerAll
			this.open.add(call);
			return call;
		}

		void answerOldest() {
			CompletableFuture<List<ChangeResult>> call = this.open.poll();
			List<Change> changes = this.calls.get(this.calls.size() - this.open.size() - 1);
			List<ChangeResult> results = new ArrayList<>();
			for (int i = 0; i < changes.size(); i++) {
				results.add(new ChangeResult(ChangeResult.Status.APPLIED, i, null, null, i));
			}
			call.complete(results);
		}

	}

	@Test
	void firstChangeGoesOutAtOnceAndLaterOnesWaitForItsAnswerInOneBatch() {
		ManualSender sender = new ManualSender();
		WriteCoalescer coalescer = coalescer(sender, 256, (n) -> {
		});
		CompletableFuture<ChangeResult> first = coalescer.submit("p", Change.view("u", null, 1));
		List<CompletableFuture<ChangeResult>> waiting = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiting.add(coalescer.submit("p", Change.view("u" + i, null, 1)));
		}
		assertThat(sender.calls).hasSize(1);
		assertThat(first).isNotDone();

		sender.answerOldest();
		assertThat(first).isCompleted();
		assertThat(sender.calls).hasSize(2);
		assertThat(sender.calls.get(1)).hasSize(10);
		assertThat(waiting).allMatch((f) -> !f.isDone());

		sender.answerOldest();
		assertThat(waiting).allMatch(CompletableFuture::isDone);
		assertThat(coalescer.activeObjects()).isZero();
	}

	@Test
	void objectsDoNotWaitForEachOther() {
		ManualSender sender = new ManualSender();
		WriteCoalescer coalescer = coalescer(sender, 256, (n) -> {
		});
		coalescer.submit("a", Change.view("u", null, 1));
		coalescer.submit("b", Change.view("u", null, 1));
		assertThat(sender.calls).hasSize(2);
	}

	@Test
	void batchesAreCappedAndAFailedCallFailsOnlyItsOwnChanges() throws Exception {
		List<Integer> sizes = new CopyOnWriteArrayList<>();
		ConcurrentLinkedQueue<CompletableFuture<List<ChangeResult>>> open = new ConcurrentLinkedQueue<>();
		WriteCoalescer coalescer = coalescer(sending((id, changes) -> {
			CompletableFuture<List<ChangeResult>> call = new CompletableFuture<>();
			open.add(call);
			return call.thenApply((ignored) -> changes.stream()
				.map((c) -> new ChangeResult(ChangeResult.Status.APPLIED, 1, null, null, 1))
				.toList());
		}), 3, sizes::add);
		CompletableFuture<ChangeResult> first = coalescer.submit("p", Change.view("u", null, 1));
		List<CompletableFuture<ChangeResult>> rest = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			rest.add(coalescer.submit("p", Change.view("u", null, 1)));
		}
		open.poll().completeExceptionally(new IllegalStateException("Redis down"));
		assertThat(first).isCompletedExceptionally();
		while (!open.isEmpty()) {
			open.poll().complete(List.of());
		}
		await().atMost(Duration.ofSeconds(1)).until(() -> rest.stream().allMatch(CompletableFuture::isDone));
		for (CompletableFuture<ChangeResult> f : rest) {
			assertThat(f.get().status()).isEqualTo(ChangeResult.Status.APPLIED);
		}
		assertThat(sizes).containsExactly(1, 3, 3, 1);
	}

	@Test
	void concurrentSubmittersAllGetAnAnswer() throws InterruptedException, ExecutionException {
		WriteCoalescer coalescer = coalescer(sending((id,
				changes) -> CompletableFuture.supplyAsync(() -> changes.stream()
					.map((c) -> new ChangeResult(ChangeResult.Status.APPLIED, 1, null, null, 1))
					.toList())),
				64, (n) -> {
				});
		List<CompletableFuture<ChangeResult>> all = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			threads.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < 2000; i++) {
					all.add(coalescer.submit("obj" + (i % 3), Change.view("u", null, 1)));
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
		assertThat(all).hasSize(16000);
		await().atMost(Duration.ofSeconds(2)).until(() -> coalescer.activeObjects() == 0);
	}

	@Test
	void aHotObjectsBatchLingersToCollectMoreChanges() {
		ManualSender sender = new ManualSender();
		WriteCoalescer coalescer = new WriteCoalescer(sender, 256, (n) -> {
		}, "hot"::equals, Duration.ofMillis(50), Duration.ofSeconds(3));
		try {
			List<CompletableFuture<ChangeResult>> results = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				results.add(coalescer.submit("hot", Change.view("u", null, 1)));
			}
			assertThat(sender.calls).as("nothing sent before the linger").isEmpty();
			coalescer.submit("cold", Change.view("u", null, 1));
			assertThat(sender.calls).as("a cold object does not wait").hasSize(1);
			await().atMost(Duration.ofSeconds(2)).until(() -> sender.calls.size() == 2);
			assertThat(sender.calls.get(1)).hasSize(20);
		}
		finally {
			coalescer.close();
		}
	}

	@Test
	void aChangeThatWaitsLongerThanTheTimeoutFailsAsUnavailableAndIsNeverSent() {
		ManualSender sender = new ManualSender();
		WriteCoalescer coalescer = new WriteCoalescer(sender, 256, (n) -> {
		}, (id) -> false, Duration.ZERO, Duration.ofMillis(200));
		try {
			CompletableFuture<ChangeResult> inFlight = coalescer.submit("post", Change.view("u", null, 1));
			CompletableFuture<ChangeResult> queued = coalescer.submit("post", Change.view("u", null, 2));
			assertThat(sender.calls).as("the second change waits for the first call").hasSize(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.isDone() && queued.isDone());
			for (CompletableFuture<ChangeResult> result : List.of(inFlight, queued)) {
				assertThat(result).failsWithin(Duration.ZERO)
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(RedisUnavailableException.class);
			}
			sender.answerOldest();
			assertThat(sender.calls).as("the change answered 503 before it was sent is never sent").hasSize(1);
			await().atMost(Duration.ofSeconds(2)).until(() -> coalescer.activeObjects() == 0);
			CompletableFuture<ChangeResult> later = coalescer.submit("post", Change.view("u", null, 3));
			assertThat(sender.calls).as("the object takes changes again").hasSize(2);
			sender.answerOldest();
			assertThat(later).succeedsWithin(Duration.ofSeconds(2));
		}
		finally {
			coalescer.close();
		}
	}

	@Test
	void aUnitIsNeverSplitOverBatchesAndOneLargerThanABatchGoesAlone() {
		ManualSender sender = new ManualSender();
		List<Integer> sizes = new CopyOnWriteArrayList<>();
		WriteCoalescer coalescer = coalescer(sender, 3, sizes::add);
		coalescer.submit("p", Change.view("u", null, 1));
		coalescer.submit("p", Change.view("u", null, 2));
		CompletableFuture<List<ChangeResult>> five = coalescer.submitAll("p", events(5));
		coalescer.submit("p", Change.view("u", null, 3));
		CompletableFuture<List<ChangeResult>> two = coalescer.submitAll("p", events(2));
		for (int i = 0; i < 4; i++) {
			sender.answerOldest();
		}
		assertThat(sizes).as("the five-event unit neither joins the single change before it nor is cut at 3")
			.containsExactly(1, 1, 5, 3);
		assertThat(five).isCompleted();
		assertThat(five.join()).hasSize(5);
		assertThat(two.join()).hasSize(2);
		assertThat(coalescer.activeObjects()).isZero();
	}

	@Test
	void aUnitThatWaitsLongerThanTheTimeoutFailsWholeAndIsNeverSent() {
		ManualSender sender = new ManualSender();
		WriteCoalescer coalescer = new WriteCoalescer(sender, 256, (n) -> {
		}, (id) -> false, Duration.ZERO, Duration.ofMillis(200));
		try {
			coalescer.submit("post", Change.view("u", null, 1));
			CompletableFuture<List<ChangeResult>> unit = coalescer.submitAll("post", events(3));
			await().atMost(Duration.ofSeconds(5)).until(unit::isDone);
			assertThat(unit).failsWithin(Duration.ZERO)
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(RedisUnavailableException.class);
			sender.answerOldest();
			assertThat(sender.calls).as("no event of the unit answered 503 is sent").hasSize(1);
		}
		finally {
			coalescer.close();
		}
	}

	private static List<Change> events(int n) {
		List<Change> events = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			events.add(Change.stat("e:visit", 1_000_000, "u", null, 1));
		}
		return events;
	}

}
