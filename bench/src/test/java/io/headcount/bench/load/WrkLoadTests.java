package io.headcount.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WrkLoadTests {

	@Test
	void buildsALatencyRunWithHeadersAndScript() {
		WrkLoad load = WrkLoad.of(URI.create("http://127.0.0.1:8080/ping"))
			.connections(128)
			.duration(Duration.ofSeconds(3))
			.header("Authorization: Bearer t")
			.script(Path.of("post.lua"));

		assertThat(load.command()).containsExactly("wrk", "--latency", "-t2", "-c128", "-d3s", "--timeout", "5s", "-H",
				"Authorization: Bearer t", "-s", "post.lua", "http://127.0.0.1:8080/ping");
		assertThat(load.summary()).isEqualTo("wrk -t2 -c128 -d3s");
	}

	@Test
	void loadsOnlyThisMachine() {
		assertThatIllegalArgumentException().isThrownBy(() -> WrkLoad.of(URI.create("http://example.com/ping")))
			.withMessageContaining("127.0.0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> WrkLoad.of(URI.create("http://localhost:8080/ping")));
	}

}
