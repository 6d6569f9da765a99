package io.headcount.waitingroom.rooms;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One's own entry in a room (the user is the JWT's subject): join, poll, heartbeat,
 * leave; and the seed's URLs on the default room.
 */
// JSON only, checked before the handler runs: a write never happens for an answer the
// client refuses (406)
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class EntryController {

	private final Rooms rooms;

	private final String defaultRoom;

	EntryController(Rooms rooms, WaitingRoomProperties properties) {
		this.rooms = rooms;
		this.defaultRoom = properties.defaultRoom();
	}

	/**
	 * Joins the room: ACTIVE with an admission token and redirect, or WAITING with the
	 * place and EWT; joining again answers the same place. 429 when the shop and the
	 * queue are full.
	 */
	@PostMapping(RoomPaths.ENTRIES)
	Entry join(@PathVariable String roomId, Principal user,
			@RequestHeader(name = ProofOfWork.HEADER, required = false) @Nullable String proofOfWork) {
		return this.rooms.join(InvalidRoomInput.roomId(roomId), user.getName(), proofOfWork);
	}

	/**
	 * The proof-of-work challenge of a room that asks for one ({@code bits} 0 when it
	 * does not): solve it and send {@code Proof-Of-Work: <challenge>:<nonce>} with the
	 * join.
	 */
	@GetMapping(RoomPaths.CHALLENGE)
	ProofOfWork.Challenge challenge(@PathVariable String roomId, Principal user) {
		return this.rooms.challenge(InvalidRoomInput.roomId(roomId), user.getName());
	}

	/** The current place, without a heartbeat. */
	@GetMapping(RoomPaths.MY_ENTRY)
	Entry place(@PathVariable String roomId, Principal user) {
		return this.rooms.place(InvalidRoomInput.roomId(roomId), user.getName(), false);
	}

	/** Keeps the place (or the shop) and answers it. */
	@PostMapping(RoomPaths.HEARTBEAT)
	Entry heartbeat(@PathVariable String roomId, Principal user) {
		return this.rooms.place(InvalidRoomInput.roomId(roomId), user.getName(), true);
	}

	/** Leaves the queue or the shop at once; the place goes to the next in line. */
	@DeleteMapping(RoomPaths.MY_ENTRY)
	ResponseEntity<Void> leave(@PathVariable String roomId, Principal user) {
		this.rooms.leave(InvalidRoomInput.roomId(roomId), user.getName());
		return ResponseEntity.noContent().build();
	}

	/**
	 * The seed's join, {@code POST /users/{userId}/webshop?access=true}, on the default
	 * room.
	 */
	@PostMapping(RoomPaths.SEED_JOIN)
	Entry seedJoin(@PathVariable String userId, @RequestParam boolean access, Principal user,
			@RequestHeader(name = ProofOfWork.HEADER, required = false) @Nullable String proofOfWork) {
		if (!access) {
			throw new InvalidRoomInput("access must be true: this URL requests access to the webshop");
		}
		return this.rooms.join(this.defaultRoom, self(userId, user), proofOfWork);
	}

	/**
	 * The seed's heartbeat, {@code GET /users/{userId}/actuator/health}, on the default
	 * room.
	 */
	@GetMapping(RoomPaths.SEED_HEARTBEAT)
	Entry seedHeartbeat(@PathVariable String userId, Principal user) {
		return this.rooms.place(this.defaultRoom, self(userId, user), true);
	}

	private static String self(String userId, Principal user) {
		if (!userId.equals(user.getName())) {
			throw new AccessDeniedException("The user in the URL must be the token's subject");
		}
		return userId;
	}

}
