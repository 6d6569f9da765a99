package io.headcount.statsbatch.progress;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a long run is doing, logged at most every {@code interval} and at each phase
 * change: {@code archive: consuming, 1250000 events read (3 duplicates, 0 unreadable), 40
 * files written, 2.1 s}. Thread-safe counters; the log is written by whoever moves them.
 */
public final class Progress {

	private static final Logger logger = LoggerFactory.getLogger(Progress.class);

	private final String task;

	private final Clock clock;

	private final Duration interval;

	private final long startedAt;

	private final AtomicLong events = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private final AtomicLong files = new AtomicLong();

	private final AtomicLong lastLog = new AtomicLong();

	private volatile String phase = "starting";

	public Progress(String task, Clock clock, Duration interval) {
		this.task = task;
		this.clock = clock;
		this.interval = interval;
		this.startedAt = clock.millis();
		this.lastLog.set(this.startedAt);
	}

	public static Progress of(String task) {
		return new Progress(task, Clock.systemUTC(), Duration.ofSeconds(2));
	}

	public void phase(String phase) {
		this.phase = phase;
		log();
	}

	public void eventsRead(long count) {
		this.events.addAndGet(count);
		maybeLog();
	}

	public void duplicate() {
		this.duplicates.incrementAndGet();
	}

	public void unreadable() {
		this.unreadable.incrementAndGet();
	}

	public void fileWritten() {
		this.files.incrementAndGet();
		maybeLog();
	}

	public long events() {
		return this.events.get();
	}

	public long duplicates() {
		return this.duplicates.get();
	}

	public long unreadableEvents() {
		return this.unreadable.get();
	}

	public long files() {
		return this.files.get();
	}

	public String phaseName() {
		return this.phase;
	}

	public Duration elapsed() {
		return Duration.ofMillis(this.clock.millis() - this.startedAt);
	}

	/** The line that is logged, for commands that print it at the end. */
	public String summary() {
		return "%s: %s, %d events read (%d duplicates, %d unreadable), %d files written, %.1f s".formatted(this.task,
				this.phase, this.events.get(), this.duplicates.get(), this.unreadable.get(), this.files.get(),
				elapsed().toMillis() / 1000.0);
	}

	private void maybeLog() {
		long now = this.clock.millis();
		long last = this.lastLog.get();
		if (now - last >= this.interval.toMillis() && this.lastLog.compareAndSet(last, now)) {
			logger.info(summary());
		}
	}

	private void log() {
		this.lastLog.set(this.clock.millis());
		logger.info(summary());
	}

}
