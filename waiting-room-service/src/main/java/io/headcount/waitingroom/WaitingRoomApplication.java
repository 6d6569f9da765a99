package io.headcount.waitingroom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The product-drop waiting room.
 */
@SpringBootApplication
public class WaitingRoomApplication {

	public static void main(String[] args) {
		SpringApplication.run(WaitingRoomApplication.class, args);
	}

}
