package io.headcount.counter.counters;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Generic counters in the seed's shape. A decrement that would take a counter below zero
 * is refused with 409 and applies nothing (so totals always equal the sum of applied
 * changes). The fast lane ({@code CounterFastLane}) calls {@link #get} too.
 */
@RestController
public class CounterController {

	static final long MAX_DELTA = 1_000_000;

	private final CounterService counters;

	CounterController(CounterService counters) {
		this.counters = counters;
	}

	@PutMapping(path = CounterPaths.COUNTER, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CountResponse> change(@PathVariable String objectId, @PathVariable String name,
			@RequestBody(required = false) CounterChangeRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal user) {
		String id = ObjectIds.objectId(objectId);
		String counter = ObjectIds.counterName(name);
		if (CounterField.isBuiltIn(counter)) {
			throw new InvalidCounterChange("Built-in counter",
					"'" + counter + "' is changed through its own endpoint (likes/me or views).");
		}
		long delta = signedDelta(request);
		String key = ObjectIds.idempotencyKey(idempotencyKey);
		ChangeResult result = this.counters.change(id,
				Change.add(counter, delta, user.getName(), key, this.counters.nowMs()));
		if (result.status() == ChangeResult.Status.REJECTED) {
			throw new CounterWouldGoNegative(counter, result.count(), -delta);
		}
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (result.status() == ChangeResult.Status.REPLAYED) {
			ok.header("Idempotent-Replayed", "true");
		}
		return ok.body(new CountResponse(result.count(), result.updatedAt()));
	}

	@GetMapping(CounterPaths.COUNTER)
	public CountResponse get(@PathVariable String objectId, @PathVariable String name) {
		String id = ObjectIds.objectId(objectId);
		String counter = ObjectIds.counterName(name);
		ObjectCounts counts = this.counters.read(id);
		return new CountResponse(counts.count(counter), counts.updatedAt(counter));
	}

	/** Counters of up to 500 objects (feeds): {@code GET /v1/objects?ids=a,b,c}. */
	@GetMapping(CounterPaths.OBJECTS)
	BatchResponse batch(@RequestParam(required = false) String ids) {
		List<String> objectIds = ObjectIds.objectIds(ids);
		Map<String, ObjectCounts> all = this.counters.readAll(objectIds);
		return new BatchResponse(objectIds.stream().map((id) -> {
			ObjectCounts counts = all.getOrDefault(id, ObjectCounts.empty(id));
			return new ObjectCountsResponse(id, counts.counts(), counts.updatedAt(), counts.version());
		}).toList());
	}

	static long signedDelta(CounterChangeRequest request) {
		if (request == null || request.action() == null) {
			throw new InvalidCounterChange("Missing action",
					"Send {\"action\": \"increment\"|\"decrement\", \"delta\": n}.");
		}
		long delta = (request.delta() != null) ? request.delta() : 1;
		if (delta < 1 || delta > MAX_DELTA) {
			throw new InvalidCounterChange("Delta out of range",
					"delta must be between 1 and " + MAX_DELTA + ", got " + delta + ".");
		}
		return switch (request.action()) {
			case "increment" -> delta;
			case "decrement" -> -delta;
			default -> throw new InvalidCounterChange("Unknown action",
					"action must be 'increment' or 'decrement', got '" + request.action() + "'.");
		};
	}

	/**
	 * @param action increment or decrement
	 * @param delta 1 to 1,000,000 (default 1)
	 */
	record CounterChangeRequest(String action, Long delta) {
	}

	public record CountResponse(long count, Instant updatedAt) {
	}

	record BatchResponse(List<ObjectCountsResponse> objects) {
	}

	/**
	 * @param counters counter name (likes, views, generic names) to count; absent ones
	 * are zero
	 * @param version the object's change version (increments with every applied change)
	 */
	record ObjectCountsResponse(String objectId, Map<String, Long> counters, Instant updatedAt, long version) {
	}

}
