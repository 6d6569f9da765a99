package io.headcount.bench;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void defaultsToAFullRunOfEverythingIntoDocs() {
		BenchOptions options = BenchOptions.parse();

		assertThat(options.quick()).isFalse();
		assertThat(options.only()).isEmpty();
		assertThat(options.out()).isEqualTo(Path.of("docs"));
		assertThat(options.timeLimit()).isEqualTo(Duration.ofMinutes(30));
		assertThat(options.command()).isEqualTo(BenchOptions.Command.RUN);
	}

	@Test
	void readsEveryOptionWithASpaceOrAnEqualsSign() {
		BenchOptions options = BenchOptions.parse("--quick", "--only", "presence, counter.likes", "--out=/tmp/b",
				"--note", "busy machine", "--time-limit=5");

		assertThat(options.quick()).isTrue();
		assertThat(options.only()).containsExactly("presence", "counter.likes");
		assertThat(options.out()).isEqualTo(Path.of("/tmp/b"));
		assertThat(options.notes()).containsExactly("busy machine");
		assertThat(options.timeLimit()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void printModulesWinsOverListBecauseTheScriptAddsIt() {
		assertThat(BenchOptions.parse("--print-modules", "--list").command())
			.isEqualTo(BenchOptions.Command.PRINT_MODULES);
		assertThat(BenchOptions.parse("--list", "--print-modules").command())
			.isEqualTo(BenchOptions.Command.PRINT_MODULES);
	}

	@Test
	void rejectsUnknownOptionsAndMissingValuesWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--fast"))
			.withMessageContaining("unknown option --fast")
			.withMessageContaining("usage: bench/run");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--only"))
			.withMessageContaining("--only needs a value");
	}

}
