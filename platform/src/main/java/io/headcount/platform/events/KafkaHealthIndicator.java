package io.headcount.platform.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Kafka's health, shown as the {@code kafka} component. Asks the cluster for its nodes
 * with a short timeout and caches the answer for a few seconds, so that frequent probes
 * neither queue up behind a dead broker nor hammer a live one. It is deliberately not
 * part of the readiness group: while Kafka is down events are buffered by
 * {@link EventPublisher}, so the instance keeps serving.
 */
class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private final Duration cacheFor;

	private final @Nullable EventPublisher publisher;

	private @Nullable AdminClient admin;

	private @Nullable Health cached;

	private long cachedAtNanos;

	KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Duration cacheFor,
			@Nullable EventPublisher publisher) {
		this.adminConfig = new HashMap<>(adminConfig);
		this.adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "headcount-health");
		this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.timeout = timeout;
		this.cacheFor = cacheFor;
		this.publisher = publisher;
	}

	@Override
	public synchronized Health health() {
		long now = System.nanoTime();
		if (this.cached != null && now - this.cachedAtNanos < this.cacheFor.toNanos()) {
			return this.cached;
		}
		this.cached = check();
		this.cachedAtNanos = System.nanoTime();
		return this.cached;
	}

	private Health check() {
		Health.Builder builder;
		try {
			DescribeClusterResult cluster = admin()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
			long waitMillis = this.timeout.toMillis() + 500;
			String clusterId = cluster.clusterId().get(waitMillis, TimeUnit.MILLISECONDS);
			int nodes = cluster.nodes().get(waitMillis, TimeUnit.MILLISECONDS).size();
			builder = Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			builder = Health.down(ex);
		}
		catch (Exception ex) {
			builder = Health.down(ex);
		}
		if (this.publisher != null) {
			builder.withDetail("pendingEvents", this.publisher.pending());
		}
		return builder.build();
	}

	private AdminClient admin() {
		if (this.admin == null) {
			this.admin = AdminClient.create(this.adminConfig);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
	}

}
