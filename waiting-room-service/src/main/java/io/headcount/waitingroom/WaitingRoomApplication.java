package io.headcount.waitingroom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The product-drop waiting room.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WaitingRoomApplication {

	public static void main(String[] args) {
		SpringApplication.run(WaitingRoomApplication.class, args);
	}

}
