package io.headcount.devstack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart lints cleanly and renders what an operator needs: one Deployment and
 * Service per service with probes on the actuator groups, the infrastructure addresses
 * from values, the JWT secret only when asked for, and the Grafana dashboards.
 */
class HelmChartTests {

	private static final Path chart = Path.of("..", "helm", "headcount");

	@Test
	void chartLintsWithoutErrors() {
		LintResult lint = new Helm(chart).lint().strict().call();
		assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();
	}

	@Test
	void chartRendersADeploymentWithProbesForEveryService() {
		String manifests = new Helm(chart).template()
			.withName("hc")
			.set("redis.clusterNodes", "r0:6379,r1:6379")
			.set("kafka.bootstrapServers", "k:9092")
			.call();
		for (String service : new String[] { "presence-service", "counter-service", "waiting-room-service",
				"stats-batch" }) {
			assertThat(manifests).contains("name: hc-" + service + "\n");
			assertThat(manifests).contains("image: \"headcount/" + service + ":0.1.0\"");
		}
		assertThat(manifests).contains("path: /actuator/health/readiness", "path: /actuator/health/liveness");
		assertThat(manifests).contains("value: \"r0:6379,r1:6379\"", "value: \"k:9092\"");
		assertThat(manifests).doesNotContain("kind: Secret", "kind: CronJob", "HEADCOUNT_JWT_SECRET",
				"HEADCOUNT_VISITORS_ADDRESSSALT");
	}

	@Test
	void visitorsAddressSaltIsOneSecretSharedByEveryPod() {
		String own = new Helm(chart).template().withName("hc").set("visitors.addressSalt", "s3cret-salt").call();
		assertThat(own).contains("name: hc-visitors", "address-salt: \"s3cret-salt\"",
				"HEADCOUNT_VISITORS_ADDRESSSALT");
		String existing = new Helm(chart).template().withName("hc").set("visitors.existingSecret", "their-salt").call();
		assertThat(existing).contains("name: their-salt, key: address-salt").doesNotContain("s3cret-salt");
	}

	@Test
	void developmentSecretAndNightlyReportAreRenderedWhenEnabled() {
		String manifests = new Helm(chart).template()
			.withName("hc")
			.set("security.hmacSecret", "0123456789abcdef0123456789abcdef")
			.set("statsBatch.cronJob.enabled", "true")
			.call();
		assertThat(manifests).contains("kind: Secret", "name: hc-jwt", "HEADCOUNT_JWT_SECRET");
		assertThat(manifests).contains("kind: CronJob", "schedule: \"30 2 * * *\"");
	}

	@Test
	void grafanaDashboardsAreShippedInAConfigMapForTheSidecar() {
		String manifests = new Helm(chart).template().withName("hc").call();
		assertThat(manifests).contains("kind: ConfigMap", "name: hc-grafana-dashboards", "grafana_dashboard: \"1\"");
		for (String dashboard : new String[] { "headcount-overview", "headcount-presence", "headcount-counters" }) {
			// the chart's dashboards/ links to grafana/dashboards: the same files
			// docker-compose provisions
			assertThat(manifests).contains("  " + dashboard + ".json: ", "\"uid\": \"" + dashboard + "\"");
		}
		String disabled = new Helm(chart).template().withName("hc").set("grafana.dashboards.enabled", "false").call();
		assertThat(disabled).doesNotContain("grafana-dashboards");
	}

}
