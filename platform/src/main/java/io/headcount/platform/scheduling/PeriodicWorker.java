package io.headcount.platform.scheduling;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * One named daemon platform thread that runs a task over and over, with a pause between
 * runs: the one idiom for "one thread doing periodic work". A failing run is logged and
 * the next one runs as planned; {@link #stop()} interrupts the thread and waits for it,
 * so a task blocked on a queue or a future (an interruptible wait) ends at once. A
 * stopped worker can be started again (a paused context restarts).
 * <p>
 * Register it as a bean, or let a component that has more to do on start or stop (drain a
 * buffer, release a lease) own one and call {@link #start()} and {@link #stop()} itself.
 * A pause of zero runs the task again at once: the form for a loop that waits on a queue
 * inside the task.
 */
public final class PeriodicWorker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicWorker.class);

	/**
	 * Repeated failures are logged at most this often, so that an outage does not flood
	 * the log.
	 */
	private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

	/** How long {@link #stop()} waits for a run in progress to notice the interrupt. */
	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

	private final String name;

	private final Duration delay;

	private final Duration initialDelay;

	private final boolean fixedRate;

	private final int phase;

	private final Runnable task;

	/**
	 * The current thread; a thread that is no longer this one (stopped) ends its loop.
	 */
	private volatile @Nullable Thread thread;

	private long lastFailureLogNanos = System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS;

	private long failuresNotLogged;

	private PeriodicWorker(String name, Duration delay, Duration initialDelay, boolean fixedRate, int phase,
			Runnable task) {
		Assert.hasText(name, "name must not be empty");
		Assert.isTrue(!delay.isNegative() && !initialDelay.isNegative(), "delays must not be negative");
		this.name = name;
		this.delay = delay;
		this.initialDelay = initialDelay;
		this.fixedRate = fixedRate;
		this.phase = phase;
		this.task = task;
	}

	/**
	 * A worker that waits {@code delay} after each run (and before the first), in the
	 * default phase.
	 * @param threadName the thread's name, as thread dumps and logs show it
	 */
	public static PeriodicWorker withFixedDelay(String threadName, Duration delay, Runnable task) {
		return new PeriodicWorker(threadName, delay, delay, false, SmartLifecycle.DEFAULT_PHASE, task);
	}

	/**
	 * A worker that runs the task again as soon as it returns: for a task that waits on a
	 * queue itself.
	 */
	public static PeriodicWorker looping(String threadName, Runnable task) {
		return withFixedDelay(threadName, Duration.ZERO, task);
	}

	/**
	 * The same worker, with runs starting {@code delay} apart however long each takes
	 * (late runs are not caught up).
	 */
	public PeriodicWorker atFixedRate() {
		return new PeriodicWorker(this.name, this.delay, this.initialDelay, true, this.phase, this.task);
	}

	/** The same worker, with another wait before the first run (zero runs it at once). */
	public PeriodicWorker withInitialDelay(Duration initialDelay) {
		return new PeriodicWorker(this.name, this.delay, initialDelay, this.fixedRate, this.phase, this.task);
	}

	/** The same worker, started and stopped in another {@link SmartLifecycle} phase. */
	public PeriodicWorker inPhase(int phase) {
		return new PeriodicWorker(this.name, this.delay, this.initialDelay, this.fixedRate, phase, this.task);
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		Thread worker = Thread.ofPlatform().name(this.name).daemon().unstarted(this::run);
		this.thread = worker;
		worker.start();
	}

	/** Interrupts the thread and waits for its current run to end. */
	@Override
	public synchronized void stop() {
		Thread worker = this.thread;
		if (worker == null) {
			return;
		}
		this.thread = null;
		worker.interrupt();
		try {
			if (!worker.join(JOIN_TIMEOUT)) {
				logger.warn("{} did not stop within {}", this.name, JOIN_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	private void run() {
		Thread self = Thread.currentThread();
		long next = System.nanoTime() + this.initialDelay.toNanos();
		while (this.thread == self) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
				Thread.interrupted(); // stop() interrupts after letting go of this
										// thread; a stray interrupt must not make park
										// spin
				continue;
			}
			long started = System.nanoTime();
			runOnce(self);
			// fixed rate: the next run is due a period after this one started, but never
			// in the past
			next = this.fixedRate ? Math.max(started + this.delay.toNanos(), System.nanoTime())
					: System.nanoTime() + this.delay.toNanos();
		}
	}

	private void runOnce(Thread self) {
		try {
			this.task.run();
		}
		catch (RuntimeException ex) {
			if (this.thread == self) { // a run cut short by stop() is no failure
				failed(ex);
			}
		}
	}

	private void failed(RuntimeException ex) {
		long now = System.nanoTime();
		if (now - this.lastFailureLogNanos < FAILURE_LOG_INTERVAL_NANOS) {
			this.failuresNotLogged++;
			return;
		}
		this.lastFailureLogNanos = now;
		if (this.failuresNotLogged > 0) {
			logger.warn("{} failed (and {} more times since the last report); next run as planned", this.name,
					this.failuresNotLogged, ex);
		}
		else {
			logger.warn("{} failed; next run as planned", this.name, ex);
		}
		this.failuresNotLogged = 0;
	}

	@Override
	public String toString() {
		return "PeriodicWorker[" + this.name + ", every " + this.delay + "]";
	}

}
