package io.headcount.statsbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.headcount.devstack.DevStack;
import io.headcount.platform.servicetest.ServiceConformanceIntegrationTests;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.generator.DaySpec;
import io.headcount.statsbatch.generator.SyntheticDay;
import io.headcount.statsbatch.progress.Progress;
import io.headcount.testsupport.ServiceLauncher;
import io.headcount.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line and the service as an operator uses them: {@code report --date D}
 * writes the day from the archive and exits 0, a bad date exits 2, and the service lists
 * the day under {@code /reports/} and serves its page.
 */
class BatchCommandsIntegrationTests {

	static final LocalDate DAY = LocalDate.of(2026, 12, 4);

	@TempDir
	Path directory;

	@Test
	void reportCommandWritesTheDayAndTheServiceServesIt() throws Exception {
		SyntheticDay.write(DaySpec.small(DAY).withSessions(300), new ArchiveFiles(this.directory.resolve("archive")),
				Progress.of("generate"));
		List<String> settings = settings();
		List<String> report = new ArrayList<>(List.of("report", "--date", DAY.toString(), "--engine", "duckdb"));
		report.addAll(settings);
		assertThat(StatsBatchApplication.runCommand(report.toArray(String[]::new))).isZero();
		Path page = this.directory.resolve("reports").resolve(DAY.toString()).resolve("index.html");
		assertThat(page).exists();
		assertThat(Files.readString(page)).contains("<svg").contains("site-1");

		List<String> bad = new ArrayList<>(List.of("report", "--date", "yesterday"));
		bad.addAll(settings);
		assertThat(StatsBatchApplication.runCommand(bad.toArray(String[]::new))).isEqualTo(2);

		List<String> service = new ArrayList<>(settings);
		service.add("--server.port=" + ServiceLauncher.freePort());
		service.add("--headcount.security.jwt.hmac-secret=" + ServiceConformanceIntegrationTests.TEST_SECRET);
		try (ConfigurableApplicationContext context = new SpringApplication(StatsBatchApplication.class)
			.run(service.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String token = Tokens.mint(ServiceConformanceIntegrationTests.TEST_SECRET, "auditor",
					Duration.ofMinutes(5));
			HttpResponse<String> index = get(port, "/reports/", token);
			assertThat(index.statusCode()).isEqualTo(200);
			assertThat(index.body()).contains("href=\"" + DAY + "/index.html\"");
			HttpResponse<String> day = get(port, "/reports/" + DAY + "/index.html", token);
			assertThat(day.statusCode()).isEqualTo(200);
			assertThat(day.body()).isEqualTo(Files.readString(page));
			assertThat(get(port, "/reports/" + DAY + "/secrets.txt", token).statusCode()).isEqualTo(404);
			assertThat(get(port, "/reports/..%2F..%2Fetc/passwd", token).statusCode()).isIn(400, 404);
		}
	}

	private List<String> settings() {
		List<String> settings = new ArrayList<>();
		DevStack.shared().springProperties().forEach((name, value) -> settings.add("--" + name + "=" + value));
		settings.add("--headcount.archive.directory=" + this.directory.resolve("archive"));
		settings.add("--headcount.reports.directory=" + this.directory.resolve("reports"));
		settings.add("--headcount.batch.schedule.enabled=false");
		return settings;
	}

	private static HttpResponse<String> get(int port, String path, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
