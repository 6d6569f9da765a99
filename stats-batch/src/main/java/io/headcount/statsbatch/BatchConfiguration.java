package io.headcount.statsbatch;

import java.net.URI;
import java.time.Clock;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveSettings;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.reports.ReportJob;
import io.headcount.statsbatch.reports.ReportProperties;
import io.headcount.statsbatch.sessions.InfluxFastPath;
import io.headcount.statsbatch.sessions.SessionRules;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the jobs, the commands and the schedule. */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	@Bean
	ReportJob reportJob(ArchiveSettings archive, SessionRules rules, ReportProperties reports,
			@Value("${headcount.fast-path.influx-url:${management.influx.metrics.export.uri:}}") String influxUrl,
			@Value("${headcount.fast-path.influx-db:${management.influx.metrics.export.db:headcount}}") String influxDb) {
		InfluxFastPath fastPath = influxUrl.isBlank() ? null : new InfluxFastPath(URI.create(influxUrl), influxDb);
		return new ReportJob(new ArchiveFiles(archive.directory()), rules, fastPath, reports.directory());
	}

	@Bean(destroyMethod = "stop")
	BatchRunner batchRunner(KafkaProperties kafka, ArchiveSettings archive, ReportJob reports, EngineSettings engine,
			Clock clock) {
		return new BatchRunner(kafka.buildConsumerProperties(), archive, reports, engine, clock);
	}

	@Bean
	BatchCommands batchCommands(BatchRunner runner) {
		return new BatchCommands(runner);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnBooleanProperty(name = "headcount.batch.schedule.enabled", matchIfMissing = true)
	static class Schedule {

		@Bean
		BatchSchedule batchSchedule(BatchRunner runner, Clock clock) {
			return new BatchSchedule(runner, clock);
		}

	}

}
