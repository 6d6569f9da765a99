package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DevStackMainTests {

	@Test
	void withoutArgumentsEverythingIsChosenAtRunTime() {
		DevStackOptions options = DevStackMain.parse(new String[0]);

		assertThat(options.workDir()).isNull();
		assertThat(options.kafkaPort()).isZero();
		assertThat(options.influxPort()).isZero();
	}

	@Test
	void workDirAndFixedPortsAreOptional() {
		DevStackOptions options = DevStackMain
			.parse(new String[] { "/tmp/stack", "--influx-port", "8086", "--kafka-port", "9092" });

		assertThat(options.workDir()).isEqualTo(Path.of("/tmp/stack"));
		assertThat(options.influxPort()).isEqualTo(8086);
		assertThat(options.kafkaPort()).isEqualTo(9092);
	}

	@Test
	void unknownOptionsAndMissingPortsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> DevStackMain.parse(new String[] { "--redis-port" }));
		assertThatIllegalArgumentException().isThrownBy(() -> DevStackMain.parse(new String[] { "--influx-port" }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevStackMain.parse(new String[] { "--kafka-port", "ninety" }));
		assertThatIllegalArgumentException().isThrownBy(() -> DevStackMain.parse(new String[] { "a", "b" }));
	}

}
