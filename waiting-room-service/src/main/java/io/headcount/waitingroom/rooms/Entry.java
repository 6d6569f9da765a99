package io.headcount.waitingroom.rooms;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user's entry as the client sees it (join, heartbeat, poll and WebSocket answers).
 *
 * @param state {@code ACTIVE} (in the shop), {@code WAITING}, {@code NONE} (not in the
 * room: left, timed out or never joined), {@code SOLD_OUT} or {@code CLOSED}
 * @param position 1-based place in the queue, 0 unless waiting
 * @param ewt the estimated wait, when waiting
 * @param refreshSeconds how often a client without a WebSocket should poll (and
 * heartbeat)
 * @param admissionToken the signed admission token, when active
 * @param redirectUrl the webshop URL with the token, when active
 * @param shoppingEndsAt when the shopping time is up, when active
 * @param ticket the place's ticket when waiting: its order in the queue, never handed out
 * twice (docs/waiting-room.md)
 */
public record Entry(String roomId, String state, long position, @Nullable Ewt ewt, long refreshSeconds,
		@Nullable String admissionToken, @Nullable URI redirectUrl, @Nullable Instant shoppingEndsAt,
		@Nullable Long ticket) {

	/** The query parameter the webshop finds the admission token in. */
	public static final String TOKEN_PARAMETER = "admission_token";

	/**
	 * The estimated wait from now.
	 *
	 * @param expectedSeconds the expected value, from the admissions of the last minute
	 * @param latestSeconds the guaranteed bound, from the shoppers' deadlines, while the
	 * room stays open
	 */
	public record Ewt(long expectedSeconds, long latestSeconds) {

		static Ewt between(Instant now, Instant expected, Instant latest) {
			return new Ewt(ceilSeconds(Duration.between(now, expected)), ceilSeconds(Duration.between(now, latest)));
		}

		private static long ceilSeconds(Duration duration) {
			long millis = Math.max(0, duration.toMillis());
			return (millis + 999) / 1000;
		}

	}

	static Entry active(String roomId, RoomConfig config, String token, Place place, long refresh) {
		String url = config.webshopUrl().toString();
		URI redirect = URI.create(url + (url.contains("?") ? "&" : "?") + TOKEN_PARAMETER + "="
				+ URLEncoder.encode(token, StandardCharsets.UTF_8));
		return new Entry(roomId, "ACTIVE", 0, new Ewt(0, 0), refresh, token, redirect, place.shoppingEndsAt(), null);
	}

	static Entry of(String roomId, RoomConfig config, Place place, long refresh) {
		if (place.state() == Place.State.WAITING && place.expectedAt() != null && place.latestAt() != null) {
			return new Entry(roomId, "WAITING", place.position(),
					Ewt.between(place.asOf(), place.expectedAt(), place.latestAt()), refresh, null, null, null,
					place.ticket());
		}
		String state = switch (config.state()) {
			case SOLD_OUT -> "SOLD_OUT";
			case CLOSED -> "CLOSED";
			default -> "NONE";
		};
		return new Entry(roomId, state, 0, null, refresh, null, null, null, null);
	}

	/** Whether this answer is final for a page: admitted, or the room is over. */
	public boolean isFinal() {
		return !"WAITING".equals(this.state);
	}

}
