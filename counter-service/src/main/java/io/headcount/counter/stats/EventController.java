package io.headcount.counter.stats;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.headcount.counter.counters.ChangeResult;
import io.headcount.counter.counters.CounterPaths;
import io.headcount.counter.counters.ObjectIds;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Records statistics events of one object: one event ({@code {type, value?, at?,
 * idempotencyKey?}}) or a batch ({@code {"events": [...]}}, up to
 * {@code headcount.counter.events.max-batch}). A request is validated whole and applied
 * in one script call, so all of it is applied or none; each event answers
 * {@code applied}, or {@code replayed} when its idempotency key was seen before (for the
 * same object, type and user). Events move no counter; they feed the statistics of
 * {@link StatsController}.
 */
@RestController
class EventController {

	private final StatsService stats;

	EventController(StatsService stats) {
		this.stats = stats;
	}

	@PostMapping(path = CounterPaths.EVENTS, produces = MediaType.APPLICATION_JSON_VALUE)
	EventsResponse record(@PathVariable String objectId, @RequestBody(required = false) @Nullable EventsRequest body,
			Principal user) {
		String id = ObjectIds.objectId(objectId);
		List<StatsService.Event> events = events(body);
		List<ChangeResult> results = this.stats.record(id, events, user.getName());
		List<EventResult> answers = new ArrayList<>(results.size());
		int applied = 0;
		for (int i = 0; i < results.size(); i++) {
			ChangeResult result = results.get(i);
			boolean replayed = result.status() == ChangeResult.Status.REPLAYED;
			applied += replayed ? 0 : 1;
			answers.add(new EventResult(events.get(i).type(), replayed ? "replayed" : "applied", result.updatedAt()));
		}
		return new EventsResponse(id, applied, results.size() - applied, answers);
	}

	private List<StatsService.Event> events(@Nullable EventsRequest body) {
		if (body == null) {
			throw new InvalidEvent("Missing body", "Send {\"type\": \"visit\", \"value\": 1} or {\"events\": [...]}.");
		}
		if (body.events() == null) {
			return List.of(new StatsService.Event(body.type(), body.value(), body.at(), body.idempotencyKey()));
		}
		if (body.type() != null || body.value() != null || body.at() != null || body.idempotencyKey() != null) {
			throw new InvalidEvent("One event or a batch", "Send either one event's fields or \"events\", not both.");
		}
		List<StatsService.Event> events = new ArrayList<>(body.events().size());
		for (StatsService.Event event : body.events()) {
			if (event == null) {
				throw new InvalidEvent("Missing event", "Every element of \"events\" is an event object.");
			}
			events.add(event);
		}
		return events;
	}

	/**
	 * One event, or a batch in {@code events}.
	 *
	 * @param type the event type: 1 to 64 characters of a-z, 0-9, '_' or '-'
	 * @param value a number between -1e9 and 1e9 with at most six decimal places (default
	 * 1)
	 * @param at the event's time, ISO-8601 (default now); not older than the minute
	 * buckets' retention nor later than now plus the allowed skew
	 * @param idempotencyKey 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-':
	 * an event sent again with it (same object, type and user) is replayed, not counted
	 * @param events up to 1,000 events, applied together or not at all
	 */
	record EventsRequest(@Nullable String type, @Nullable BigDecimal value, @Nullable Instant at,
			@Nullable String idempotencyKey, @Nullable List<StatsService.@Nullable Event> events) {
	}

	/**
	 * @param applied events recorded by this request
	 * @param replayed events whose idempotency key had been recorded before
	 * @param events one answer per event, in the order sent
	 */
	record EventsResponse(String objectId, int applied, int replayed, List<EventResult> events) {
	}

	/**
	 * @param status {@code applied} or {@code replayed}
	 * @param at the time the event was recorded with (for a replay: the first one's)
	 */
	record EventResult(@Nullable String type, String status, @Nullable Instant at) {
	}

}
