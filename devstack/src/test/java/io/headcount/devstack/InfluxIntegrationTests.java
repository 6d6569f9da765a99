package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

class InfluxIntegrationTests {

	private final DevStack stack = DevStack.shared();

	@Test
	void pointWrittenWithLineProtocolIsReturnedByAQuery() throws Exception {
		long value = ThreadLocalRandom.current().nextLong(1, 1_000_000);
		HttpRequest write = HttpRequest
			.newBuilder(URI.create(this.stack.influxUrl() + "/write?db=" + this.stack.influxDatabase()))
			.POST(HttpRequest.BodyPublishers.ofString("devstack_test,source=test value=" + value + "i"))
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			assertThat(http.send(write, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
		}

		String json = this.stack.influxQuery("SELECT last(value) FROM devstack_test WHERE source = 'test'");

		assertThat(json).contains("\"devstack_test\"").contains("," + value + "]");
	}

	@Test
	void headcountDatabaseExistsAndTheServerUsesItsOwnConfiguration() throws Exception {
		assertThat(this.stack.influxDatabase()).isEqualTo("headcount");
		assertThat(this.stack.influxQuery("SHOW DATABASES")).contains("\"headcount\"");
		assertThat(this.stack.influxUrl()).startsWith("http://127.0.0.1:").doesNotEndWith(":8086");
		String config = Files.readString(this.stack.workDir().resolve("influx/influxdb.conf"));
		assertThat(config).contains("reporting-disabled = true")
			.contains("bind-address = \"127.0.0.1:")
			.doesNotContain("/var/lib/influxdb");
	}

}
