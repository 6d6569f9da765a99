package io.headcount.platform.scheduling;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeriodicWorkerTests {

	private PeriodicWorker worker;

	@AfterEach
	void stop() {
		if (this.worker != null) {
			this.worker.stop();
		}
	}

	@Test
	void runsTheTaskRepeatedlyOnOneNamedDaemonPlatformThread() {
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		AtomicInteger runs = new AtomicInteger();
		this.worker = PeriodicWorker.withFixedDelay("test-worker", Duration.ofMillis(5), () -> {
			ranOn.set(Thread.currentThread());
			runs.incrementAndGet();
		});
		this.worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
		assertThat(this.worker.isRunning()).isTrue();
		assertThat(ranOn.get().getName()).isEqualTo("test-worker");
		assertThat(ranOn.get().isDaemon()).isTrue();
		assertThat(ranOn.get().isVirtual()).isFalse();
	}

	@Test
	void aFailingRunDoesNotStopTheNextOnes() {
		AtomicInteger runs = new AtomicInteger();
		this.worker = PeriodicWorker.withFixedDelay("failing-worker", Duration.ofMillis(1), () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("every run fails");
		});
		this.worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 5);
		assertThat(this.worker.isRunning()).isTrue();
	}

	@Test
	void stopInterruptsABlockedRunAndWaitsForTheThreadToEnd() {
		BlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
		CopyOnWriteArrayList<String> taken = new CopyOnWriteArrayList<>();
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		this.worker = PeriodicWorker.looping("queue-worker", () -> {
			ranOn.set(Thread.currentThread());
			try {
				taken.add(queue.take());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.worker.start();
		queue.add("a");
		queue.add("b");
		await().atMost(Duration.ofSeconds(5)).until(() -> taken.size() == 2);
		this.worker.stop();
		assertThat(this.worker.isRunning()).isFalse();
		assertThat(ranOn.get().isAlive()).isFalse();
		assertThat(taken).containsExactly("a", "b");
	}

	@Test
	void theFirstRunWaitsForTheInitialDelay() {
		AtomicInteger runs = new AtomicInteger();
		this.worker = PeriodicWorker.withFixedDelay("late-worker", Duration.ofMillis(1), runs::incrementAndGet)
			.withInitialDelay(Duration.ofHours(1));
		this.worker.start();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == 0);
	}

	@Test
	void aStoppedWorkerStartsAgain() {
		AtomicInteger runs = new AtomicInteger();
		this.worker = PeriodicWorker.withFixedDelay("restarted-worker", Duration.ofMillis(1), runs::incrementAndGet)
			.atFixedRate();
		this.worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() > 0);
		this.worker.stop();
		int before = runs.get();
		this.worker.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() > before);
	}

	@Test
	void thePhaseIsConfigurable() {
		PeriodicWorker defaults = PeriodicWorker.looping("idle", () -> {
		});
		assertThat(defaults.getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE);
		assertThat(defaults.inPhase(42).getPhase()).isEqualTo(42);
	}

}
