package io.headcount.waitingroom.rooms;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.headcount.platform.web.NotFoundException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only view of the configured rooms, so a frontend can show capacity and opening
 * time.
 */
@RestController
class RoomController {

	private final WaitingRoomProperties properties;

	RoomController(WaitingRoomProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/v1/rooms")
	List<RoomView> rooms() {
		return this.properties.rooms()
			.entrySet()
			.stream()
			.map(RoomView::of)
			.sorted(Comparator.comparing(RoomView::roomId))
			.toList();
	}

	@GetMapping("/v1/rooms/{roomId}")
	RoomView room(@PathVariable String roomId) {
		WaitingRoomProperties.Room room = this.properties.rooms().get(roomId);
		if (room == null) {
			throw new NotFoundException("No waiting room '" + roomId + "'");
		}
		return RoomView.of(Map.entry(roomId, room));
	}

	record RoomView(String roomId, WaitingRoomProperties.Room config) {

		static RoomView of(Map.Entry<String, WaitingRoomProperties.Room> entry) {
			return new RoomView(entry.getKey(), entry.getValue());
		}

	}

}
