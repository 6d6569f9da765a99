package io.headcount.statsbatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The slow path: event archive and nightly audit reports.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StatsBatchApplication {

	public static void main(String[] args) {
		SpringApplication.run(StatsBatchApplication.class, args);
	}

}
