package io.headcount.presence.status;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.headcount.platform.web.BadRequestException;
import io.headcount.presence.config.PresenceProperties;
import io.headcount.presence.config.PresenceRedis;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.dao.QueryTimeoutException;
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

	private static final long TIMEOUT_SECONDS = 5;

	private static final int MAX_USER_ID_LENGTH = 256;

	private final PresenceService presence;

	private final PresenceProperties properties;

	PresenceController(PresenceService presence, PresenceProperties properties) {
		this.presence = presence;
		this.properties = properties;
	}

	/** Sets the caller's status from one device; offline means this device leaves. */
	@PutMapping("/v1/presence/me")
	PresenceView setStatus(Principal user, @Valid @RequestBody SetStatus request) {
		return await(this.presence.set(user.getName(), device(request.deviceId()), request.status())).selfView();
	}

	/** Keeps one of the caller's devices alive for d + 2δ. */
	@PostMapping("/v1/presence/me/heartbeat")
	ResponseEntity<Void> heartbeat(Principal user, @RequestParam(required = false) String deviceId) {
		await(this.presence.heartbeat(user.getName(), device(deviceId)));
		return ResponseEntity.noContent().build();
	}

	/** The caller's own presence (invisible shows as invisible here). */
	@GetMapping("/v1/presence/me")
	PresenceView me(Principal user) {
		return await(this.presence.me(user.getName()));
	}

	/** Other users' presence: status and last-active time as others see them. */
	@GetMapping("/v1/presence")
	Users read(Principal user, @RequestParam List<String> userIds) {
		List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
		if (ids.isEmpty() || ids.size() > this.properties.maxQueryIds()) {
			throw badRequest("userIds must list 1 to " + this.properties.maxQueryIds() + " users, got " + ids.size());
		}
		for (String id : ids) {
			if (id.isBlank() || id.length() > MAX_USER_ID_LENGTH) {
				throw badRequest("each user id must have 1 to " + MAX_USER_ID_LENGTH + " characters");
			}
		}
		return new Users(await(this.presence.read(user.getName(), ids)));
	}

	/** The seed's shape, kept as an alias: {@code user_id} must be the caller. */
	@PutMapping("/users/presence")
	PresenceView seedAlias(Principal user, @Valid @RequestBody SeedPresence request) {
		if (!user.getName().equals(request.userId())) {
			throw new AccessDeniedException("user_id must be the token's subject");
		}
		return await(this.presence.set(user.getName(), DeviceCommand.DEFAULT_DEVICE, request.presence())).selfView();
	}

	private static String device(String deviceId) {
		if (deviceId == null) {
			return DeviceCommand.DEFAULT_DEVICE;
		}
		if (!DeviceCommand.DEVICE_ID.matcher(deviceId).matches()) {
			throw badRequest("deviceId must match " + DeviceCommand.DEVICE_ID.pattern());
		}
		return deviceId;
	}

	private static BadRequestException badRequest(String detail) {
		return new BadRequestException(detail);
	}

	static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw PresenceRedis.translate(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("Redis did not answer within " + TIMEOUT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record SetStatus(@NotNull PresenceStatus status, @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String deviceId) {
	}

	record SeedPresence(@JsonProperty("user_id") @NotNull String userId, @NotNull PresenceStatus presence) {
	}

	record Users(List<PresenceView> users) {
	}

}
