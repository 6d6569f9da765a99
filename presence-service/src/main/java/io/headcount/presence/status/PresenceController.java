package io.headcount.presence.status;

import java.security.Principal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.headcount.platform.redis.RedisCalls;
import io.headcount.presence.config.PresenceProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** User presence over REST; the user is the JWT's subject. */
@RestController
class PresenceController {

	private final PresenceService presence;

	private final PresenceProperties properties;

	private final RedisCalls redis;

	PresenceController(PresenceService presence, PresenceProperties properties, RedisCalls redis) {
		this.presence = presence;
		this.properties = properties;
		this.redis = redis;
	}

	/** Sets the caller's status from one device; offline means this device leaves. */
	@PutMapping(path = "/v1/presence/me", produces = MediaType.APPLICATION_JSON_VALUE)
	PresenceView setStatus(Principal user, @Valid @RequestBody SetStatus request) {
		return this.redis.await(this.presence.set(user.getName(), device(request.deviceId()), request.status()))
			.selfView();
	}

	/** Keeps one of the caller's devices alive for d + 2δ. */
	@PostMapping(path = "/v1/presence/me/heartbeat", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> heartbeat(Principal user, @RequestParam(required = false) @Nullable String deviceId) {
		this.redis.await(this.presence.heartbeat(user.getName(), device(deviceId)));
		return ResponseEntity.noContent().build();
	}

	/** The caller's own presence (invisible shows as invisible here). */
	@GetMapping("/v1/presence/me")
	PresenceView me(Principal user) {
		return this.redis.await(this.presence.me(user.getName()));
	}

	/** Other users' presence: status and last-active time as others see them. */
	@GetMapping("/v1/presence")
	Users read(Principal user, @RequestParam List<String> userIds) {
		List<String> ids = UserIds.distinct(userIds, this.properties.maxQueryIds());
		return new Users(this.redis.await(this.presence.read(user.getName(), ids)));
	}

	/** The seed's shape, kept as an alias: {@code user_id} must be the caller. */
	@PutMapping(path = "/users/presence", produces = MediaType.APPLICATION_JSON_VALUE)
	PresenceView seedAlias(Principal user, @Valid @RequestBody SeedPresence request) {
		if (!user.getName().equals(request.userId())) {
			throw new AccessDeniedException("user_id must be the token's subject");
		}
		return this.redis.await(this.presence.set(user.getName(), DeviceCommand.DEFAULT_DEVICE, request.presence()))
			.selfView();
	}

	private static String device(@Nullable String deviceId) {
		return (deviceId != null) ? DeviceCommand.requireValid(deviceId) : DeviceCommand.DEFAULT_DEVICE;
	}

	record SetStatus(@NotNull PresenceStatus status,
			@Pattern(regexp = DeviceCommand.DEVICE_ID_REGEX) @Nullable String deviceId) {
	}

	record SeedPresence(@JsonProperty("user_id") @NotNull String userId, @NotNull PresenceStatus presence) {
	}

	record Users(List<PresenceView> users) {
	}

}
