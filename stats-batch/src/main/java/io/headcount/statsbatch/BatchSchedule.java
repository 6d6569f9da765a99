package io.headcount.statsbatch;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * The service mode's jobs: archive on {@code headcount.batch.archive-cron} (every five
 * minutes), report yesterday (UTC) on {@code headcount.batch.report-cron} (00:30), after
 * archiving what is left of it.
 */
class BatchSchedule {

	private static final Logger logger = LoggerFactory.getLogger(BatchSchedule.class);

	private final BatchRunner runner;

	private final Clock clock;

	BatchSchedule(BatchRunner runner, Clock clock) {
		this.runner = runner;
		this.clock = clock;
	}

	@Scheduled(cron = "${headcount.batch.archive-cron:0 */5 * * * *}", zone = "UTC")
	void archive() {
		try {
			logger.info(this.runner.archive(false).summary());
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduled archive failed: {}", ex.toString());
		}
	}

	@Scheduled(cron = "${headcount.batch.report-cron:0 30 0 * * *}", zone = "UTC")
	void reportYesterday() {
		LocalDate yesterday = LocalDate.now(this.clock.withZone(java.time.ZoneOffset.UTC)).minusDays(1);
		try {
			this.runner.archive(false);
			this.runner.report(List.of(yesterday), this.runner.defaultEngine());
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduled report of {} failed: {}", yesterday, ex.toString());
		}
	}

}
