package io.headcount.statsbatch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.platform.outbox.OutboxStreams;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.platform.redis.RedisConnections;
import io.headcount.statsbatch.archive.ArchiveSettings;
import io.headcount.statsbatch.counters.CounterAuditReport;
import io.headcount.statsbatch.counters.CounterKeyLayout.Granularity;
import io.headcount.statsbatch.counters.CounterRepair;
import io.headcount.statsbatch.counters.CounterState;
import io.headcount.statsbatch.counters.RedisCounterState;
import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.reports.ReportJob;
import io.headcount.statsbatch.reports.ReportProperties;
import io.headcount.statsbatch.sessions.InfluxFastPath;
import io.headcount.statsbatch.sessions.SessionRules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the jobs, the commands and the schedule. */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	@Bean
	ReportJob reportJob(ArchiveSettings archive, SessionRules rules, ReportProperties reports,
			ObjectProvider<CounterState> counters,
			@Value("${headcount.fast-path.influx-url:${management.influx.metrics.export.uri:}}") String influxUrl,
			@Value("${headcount.fast-path.influx-db:${management.influx.metrics.export.db:headcount}}") String influxDb) {
		InfluxFastPath fastPath = influxUrl.isBlank() ? null : new InfluxFastPath(URI.create(influxUrl), influxDb);
		return new ReportJob(new ArchiveFiles(archive.directory()), rules, fastPath, counters.getIfAvailable(),
				reports.directory());
	}

	@Bean(destroyMethod = "stop")
	BatchRunner batchRunner(KafkaProperties kafka, ArchiveSettings archive, ReportJob reports, EngineSettings engine,
			Clock clock, ObjectProvider<CounterRepair> repair) {
		return new BatchRunner(kafka.buildConsumerProperties(), archive, reports, engine, clock,
				repair.getIfAvailable());
	}

	@Bean
	BatchCommands batchCommands(BatchRunner runner) {
		return new BatchCommands(runner);
	}

	/**
	 * The counter audit's Redis side, when Redis is configured: reading counter-service's
	 * keys, and {@code repair} with its outbox (whose relay runs in this application).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("spring.data.redis.cluster.nodes")
	static class Counters {

		@Bean
		OutboxStreams statsBatchOutbox() {
			return OutboxStreams.slotGroups("stats-batch", 16);
		}

		@Bean
		CounterState counterState(RedisConnections connections, RedisCalls calls) {
			return new RedisCounterState(connections, calls);
		}

		@Bean
		CounterRepair counterRepair(ArchiveSettings archive, CounterState state, RedisConnections connections,
				RedisCalls calls, OutboxStreams statsBatchOutbox,
				@Value("${headcount.counter.retention.minute:2d}") Duration minute,
				@Value("${headcount.counter.retention.hour:60d}") Duration hour,
				@Value("${headcount.counter.retention.day:3650d}") Duration day) {
			return new CounterRepair(new CounterAuditReport(new ArchiveFiles(archive.directory())), state, connections,
					calls, statsBatchOutbox,
					Map.of(Granularity.MINUTE, minute, Granularity.HOUR, hour, Granularity.DAY, day));
		}

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
