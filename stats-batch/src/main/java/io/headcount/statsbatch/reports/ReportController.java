package io.headcount.statsbatch.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the days for which an audit report exists, newest first.
 */
@RestController
class ReportController {

	private final ReportProperties properties;

	ReportController(ReportProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/v1/reports")
	List<ReportDay> reports() {
		Path directory = this.properties.directory();
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> days = Files.list(directory)) {
			return days.filter(Files::isDirectory)
				.map(ReportController::day)
				.flatMap(Stream::ofNullable)
				.sorted((a, b) -> b.day().compareTo(a.day()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ReportDay day(Path path) {
		try {
			LocalDate day = LocalDate.parse(path.getFileName().toString());
			return new ReportDay(day, Files.exists(path.resolve("report.html")),
					Files.exists(path.resolve("report.json")), Files.exists(path.resolve("report.csv")));
		}
		catch (DateTimeParseException ex) {
			return null; // not a report directory
		}
	}

	record ReportDay(LocalDate day, boolean html, boolean json, boolean csv) {
	}

}
