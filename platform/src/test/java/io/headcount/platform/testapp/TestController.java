package io.headcount.platform.testapp;

import java.security.Principal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.headcount.platform.web.ApiException;
import io.headcount.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that exercise each error path the platform maps. */
@RestController
class TestController {

	@GetMapping("/v1/me")
	Map<String, String> me(Principal principal) {
		return Map.of("userId", principal.getName());
	}

	@GetMapping("/ws/me")
	Map<String, String> webSocketPath(Principal principal) {
		return Map.of("userId", principal.getName());
	}

	@PostMapping("/v1/things")
	Thing create(@Valid @RequestBody Thing thing) {
		return thing;
	}

	@GetMapping("/v1/things/{id}")
	Thing get(@PathVariable int id) {
		throw new NotFoundException("No thing " + id);
	}

	@PostMapping("/v1/things/{id}/lock")
	void lock(@PathVariable int id) {
		throw new ApiException(HttpStatus.CONFLICT, "Conflict", "Thing " + id + " is already locked");
	}

	@GetMapping("/v1/redis")
	String redis() {
		throw new RedisConnectionFailureException("Unable to connect to Redis");
	}

	@GetMapping("/v1/boom")
	String boom() {
		throw new IllegalStateException("a bug, with internals that must not leak");
	}

	@GetMapping("/v1/admin/stats")
	Map<String, Integer> adminStats() {
		return Map.of("things", 1);
	}

	record Thing(@NotBlank String name, @Positive int size, @Nullable Kind kind) {
	}

	enum Kind {

		SMALL, LARGE;

		@JsonCreator
		static Kind of(String value) {
			for (Kind kind : values()) {
				if (kind.name().equalsIgnoreCase(value)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown kind '" + value + "': expected small or large");
		}

	}

}
