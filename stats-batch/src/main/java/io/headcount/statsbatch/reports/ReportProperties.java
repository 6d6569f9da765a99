package io.headcount.statsbatch.reports;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the nightly audit reports are written and served from.
 *
 * @param directory one sub-directory per report day (yyyy-MM-dd)
 */
@ConfigurationProperties("headcount.reports")
public record ReportProperties(Path directory) {

	public ReportProperties {
		directory = (directory != null) ? directory : Path.of("reports");
	}

}
