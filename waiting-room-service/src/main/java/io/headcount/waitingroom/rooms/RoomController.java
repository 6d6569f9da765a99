package io.headcount.waitingroom.rooms;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rooms: operators (scope {@code admin}) configure them and sell them out; anyone signed
 * in reads a room's configuration and live figures.
 */
// JSON only, checked before the handler runs: a write never happens for an answer the
// client refuses (406)
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class RoomController {

	private final Rooms rooms;

	RoomController(Rooms rooms) {
		this.rooms = rooms;
	}

	@GetMapping(RoomPaths.ROOMS)
	List<RoomView> rooms() {
		return this.rooms.roomIds().stream().map(this::view).toList();
	}

	@GetMapping(RoomPaths.ROOM)
	RoomView room(@PathVariable String roomId) {
		return view(InvalidRoomInput.roomId(roomId));
	}

	/** Creates or replaces the room's configuration; people in it keep their places. */
	@PutMapping(RoomPaths.ROOM)
	RoomView put(@PathVariable String roomId, @RequestBody @Valid RoomRequest request, Principal user) {
		requireAdmin(user);
		this.rooms.configure(InvalidRoomInput.roomId(roomId), request.config());
		return view(roomId);
	}

	/**
	 * Sold out: every waiting user is told at once (pushed and polled) and the room takes
	 * no one new; shoppers in the shop finish.
	 */
	@PostMapping(RoomPaths.SOLD_OUT)
	SoldOut soldOut(@PathVariable String roomId, Principal user) {
		requireAdmin(user);
		long dropped = this.rooms.soldOut(InvalidRoomInput.roomId(roomId));
		return new SoldOut(roomId, RoomState.SOLD_OUT, dropped);
	}

	private RoomView view(String roomId) {
		RoomConfig config = this.rooms.config(roomId);
		RoomStore.Figures figures = this.rooms.figures(roomId);
		Entry.Ewt last = (figures.lastExpectedAt() != null && figures.lastLatestAt() != null)
				? Entry.Ewt.between(figures.asOf(), figures.lastExpectedAt(), figures.lastLatestAt()) : null;
		return new RoomView(roomId, config.activeCapacity(), config.queueCapacity(),
				config.maxShoppingTime().toSeconds(), config.heartbeatTimeout().toSeconds(), config.webshopUrl(),
				config.opensAt(), config.drawSeed(), figures.state(), config.proofOfWorkBits(),
				new Live(figures.active(), figures.waiting(), figures.admissionsLastMinute(), last, figures.asOf()));
	}

	static void requireAdmin(Principal user) {
		if (!(user instanceof Authentication authentication) || authentication.getAuthorities()
			.stream()
			.noneMatch((granted) -> "SCOPE_admin".equals(granted.getAuthority()))) {
			throw new AccessDeniedException("Configuring rooms needs the admin scope");
		}
	}

	record RoomView(String roomId, int activeCapacity, int queueCapacity, long maxShoppingSeconds,
			long heartbeatTimeoutSeconds, URI webshopUrl, @Nullable Instant opensAt, @Nullable String drawSeed,
			RoomState state, int proofOfWorkBits, Live live) {
	}

	/**
	 * @param admissionsPerMinute admissions in the last minute
	 * @param lastInLine the EWT of the last in line, when anyone waits
	 */
	record Live(long active, long waiting, long admissionsPerMinute, Entry.@Nullable Ewt lastInLine, Instant asOf) {
	}

	record SoldOut(String roomId, RoomState state, long waitingDropped) {
	}

}
