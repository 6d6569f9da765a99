package io.headcount.statsbatch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.headcount.statsbatch.archive.ArchiveSettings;
import io.headcount.statsbatch.archive.Archiver;
import io.headcount.statsbatch.counters.CounterRepair;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.statsbatch.reports.ReportJob;
import org.jspecify.annotations.Nullable;

/**
 * The two jobs, for the command line and the schedule: archive Kafka to Parquet, and
 * report days from the archive. One at a time: a scheduled run that finds the previous
 * one still going is skipped.
 */
public final class BatchRunner {

	private final Map<String, Object> kafka;

	private final ArchiveSettings archive;

	private final ReportJob reports;

	private final EngineSettings engine;

	private final Clock clock;

	private final @Nullable CounterRepair repair;

	private final AtomicBoolean running = new AtomicBoolean();

	private volatile boolean stopping;

	public BatchRunner(Map<String, Object> kafka, ArchiveSettings archive, ReportJob reports, EngineSettings engine,
			Clock clock, @Nullable CounterRepair repair) {
		this.kafka = kafka;
		this.repair = repair;
		this.archive = archive;
		this.reports = reports;
		this.engine = engine;
		this.clock = clock;
	}

	/**
	 * Archives what the topics hold now ({@code follow}: and then keeps going until the
	 * application stops).
	 */
	public Progress archive(boolean follow) {
		return exclusively(() -> {
			Progress progress = Progress.of("archive");
			return new Archiver(this.kafka, this.archive, this.clock, progress).run(!follow, () -> this.stopping);
		});
	}

	/** Reports each day on {@code engineName} (null: the configured engine). */
	public List<Path> report(List<LocalDate> days, String engineName) {
		return exclusively(() -> {
			Progress progress = Progress.of("report");
			List<Path> written = new ArrayList<>();
			try (QueryEngine engine = this.engine.withName(engineName).open()) {
				for (LocalDate day : days) {
					written.add(this.reports.run(engine, day, progress));
				}
			}
			progress.phase("done");
			return written;
		});
	}

	/**
	 * Lists the day's drifted counter buckets and, when {@code apply}, sets them to the
	 * recount.
	 */
	public CounterRepair.Result repair(LocalDate day, boolean apply) {
		CounterRepair repair = this.repair;
		if (repair == null) {
			throw new IllegalArgumentException("repair needs Redis: set spring.data.redis.cluster.nodes");
		}
		return exclusively(() -> {
			try (QueryEngine engine = this.engine.open()) {
				return repair.run(engine, day, apply, java.time.Duration.ofSeconds(30));
			}
		});
	}

	/** Yesterday (UTC), the day a nightly run reports. */
	public LocalDate yesterday() {
		return LocalDate.now(this.clock.withZone(java.time.ZoneOffset.UTC)).minusDays(1);
	}

	public String defaultEngine() {
		return this.engine.name();
	}

	public Path archiveDirectory() {
		return this.archive.directory();
	}

	/** Asks a following archive to finish its files and return. */
	void stop() {
		this.stopping = true;
	}

	private <T> T exclusively(java.util.function.Supplier<T> job) {
		if (!this.running.compareAndSet(false, true)) {
			throw new IllegalStateException("another archive or report run is in progress");
		}
		try {
			return job.get();
		}
		finally {
			this.running.set(false);
		}
	}

}
