package io.headcount.statsbatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The slow path: event archive and nightly audit reports.
 */
@SpringBootApplication
public class StatsBatchApplication {

	public static void main(String[] args) {
		SpringApplication.run(StatsBatchApplication.class, args);
	}

}
