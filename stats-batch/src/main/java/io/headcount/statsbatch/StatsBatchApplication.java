package io.headcount.statsbatch;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The slow path: event archive and nightly audit reports. {@code archive} and
 * {@code report} run once and exit (no web server, no schedule); without a command it is
 * the service that serves the reports and runs both on a schedule.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StatsBatchApplication {

	public static void main(String[] arguments) {
		if (BatchCommands.isCommand(arguments)) {
			System.exit(runCommand(arguments));
		}
		new SpringApplication(StatsBatchApplication.class).run(BatchCommands.normalize(arguments));
	}

	/** Runs one command ({@code archive}, {@code report}) and returns its exit code. */
	public static int runCommand(String... arguments) {
		SpringApplication application = new SpringApplication(StatsBatchApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("headcount.batch.schedule.enabled", "false"));
		return SpringApplication.exit(application.run(BatchCommands.normalize(arguments)));
	}

}
