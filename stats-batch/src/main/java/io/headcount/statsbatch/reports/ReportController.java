package io.headcount.statsbatch.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

import io.headcount.platform.web.NotFoundException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the written reports: {@code /reports/} lists the days (a page for people,
 * {@code /v1/reports} the same list as JSON), {@code /reports/{day}/{file}} a day's
 * files.
 */
@RestController
class ReportController {

	static final String REPORTS = "/reports/";

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

	@GetMapping(value = REPORTS, produces = MediaType.TEXT_HTML_VALUE)
	String index() {
		StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
				+ "<title>Headcount audit reports</title></head>\n<body>\n<h1>Audit reports</h1>\n<ul>\n");
		for (ReportDay day : reports()) {
			html.append("<li><a href=\"")
				.append(day.day())
				.append('/')
				.append(ReportFiles.HTML)
				.append("\">")
				.append(day.day())
				.append("</a> (<a href=\"")
				.append(day.day())
				.append('/')
				.append(ReportFiles.JSON)
				.append("\">JSON</a>, <a href=\"")
				.append(day.day())
				.append('/')
				.append(ReportFiles.SESSIONS_CSV)
				.append("\">CSV</a>)</li>\n");
		}
		return html.append("</ul>\n</body>\n</html>\n").toString();
	}

	@GetMapping(REPORTS + "{day}/{file}")
	ResponseEntity<byte[]> file(@PathVariable String day, @PathVariable String file) throws IOException {
		// only names this service writes: no path from the request reaches the file
		// system
		LocalDate date = parse(day);
		if (!ReportFiles.ALL.contains(file)) {
			throw new NotFoundException("No report file " + file);
		}
		Path path = this.properties.directory().resolve(date.toString()).resolve(file);
		if (!Files.isRegularFile(path)) {
			throw new NotFoundException("No report " + file + " for " + date);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(ReportFiles.mediaType(file)))
			.body(Files.readAllBytes(path));
	}

	private static LocalDate parse(String day) {
		try {
			return LocalDate.parse(day);
		}
		catch (DateTimeParseException ex) {
			throw new NotFoundException("No report for " + day);
		}
	}

	private static ReportDay day(Path path) {
		try {
			LocalDate day = LocalDate.parse(path.getFileName().toString());
			return new ReportDay(day, Files.exists(path.resolve(ReportFiles.HTML)),
					Files.exists(path.resolve(ReportFiles.JSON)), Files.exists(path.resolve(ReportFiles.SESSIONS_CSV)));
		}
		catch (DateTimeParseException ex) {
			return null; // not a report directory
		}
	}

	record ReportDay(LocalDate day, boolean html, boolean json, boolean csv) {
	}

}
