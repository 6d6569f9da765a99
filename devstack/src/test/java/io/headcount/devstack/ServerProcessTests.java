package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every wait has a deadline and fails with what the server said last. */
class ServerProcessTests {

	@TempDir
	Path dir;

	private StackRegistry registry;

	@BeforeEach
	void createRegistry() {
		this.registry = StackRegistry.create(this.dir.resolve("registry"));
	}

	@AfterEach
	void closeRegistry() {
		this.registry.close();
	}

	@Test
	void readinessTimeoutNamesTheServerTheLastCheckAndTheEndOfItsLog() {
		ServerProcess server = server("slow", "echo still booting; exec sleep 60");
		server.start();
		try {
			assertThatIllegalStateException()
				.isThrownBy(() -> server.awaitReady("answering", Duration.ofSeconds(1), () -> {
					throw new IOException("Connection refused");
				}))
				.withMessageContaining("slow was not answering within 1 s")
				.withMessageContaining("Connection refused")
				.withMessageContaining("still booting");
		}
		finally {
			server.kill();
		}
	}

	@Test
	void serverThatExitsFailsTheWaitAtOnceWithItsExitCodeAndLog() {
		ServerProcess server = server("broken", "echo 'bad config line 3'; exit 1");
		server.start();

		assertThatIllegalStateException().isThrownBy(() -> server.awaitReady("up", Duration.ofMinutes(1), () -> false))
			.isNotInstanceOf(ServerProcess.PortInUseException.class)
			.withMessageContaining("broken exited with code 1 while waiting for up")
			.withMessageContaining("bad config line 3");
	}

	@Test
	void serverThatLostItsPortSaysSoSoThatTheCallerCanPickAnother() {
		ServerProcess server = server("clash", "echo 'bind: Address already in use'; exit 1");
		server.start();

		assertThatExceptionOfType(ServerProcess.PortInUseException.class)
			.isThrownBy(() -> server.awaitReady("up", Duration.ofMinutes(1), () -> false));
	}

	@Test
	void stopFallsBackToSigkillWhenTheServerIgnoresSigterm() {
		ServerProcess server = server("stubborn", "trap '' TERM; echo trapped; while :; do sleep 1; done");
		server.start();
		server.awaitReady("ignoring SIGTERM", Duration.ofSeconds(30),
				() -> Files.readString(this.dir.resolve("stubborn/stubborn.out")).contains("trapped"));
		ProcessHandle process = server.handle().orElseThrow();

		server.stop(Duration.ofMillis(300));

		assertThat(process.isAlive()).isFalse();
		assertThat(server.isAlive()).isFalse();
	}

	private ServerProcess server(String name, String script) {
		return new ServerProcess(name, List.of("/bin/sh", "-c", script), this.dir.resolve(name), List.of(),
				this.registry);
	}

}
