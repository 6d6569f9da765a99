package io.headcount.counter.counters;

import java.security.Principal;
import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Views count every view; an Idempotency-Key makes a retry safe (a replay within 24 h
 * counts nothing and gets the first response, marked {@code Idempotent-Replayed: true}).
 * Unique viewers are estimated with a HyperLogLog: standard error 0.81%. The fast lane
 * ({@code CounterFastLane}) calls {@link #view} too.
 */
@RestController
@RequestMapping(CounterPaths.VIEWS)
public class ViewController {

	/** Redis HyperLogLog: 16384 registers, standard error 1.04 / sqrt(16384). */
	static final double UNIQUE_VIEWERS_STANDARD_ERROR = 0.0081;

	private final CounterService counters;

	ViewController(CounterService counters) {
		this.counters = counters;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<ViewResponse> view(@PathVariable String objectId,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal user) {
		String id = ObjectIds.objectId(objectId);
		String key = ObjectIds.idempotencyKey(idempotencyKey);
		ChangeResult result = this.counters.change(id, Change.view(user.getName(), key, this.counters.nowMs()));
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (result.status() == ChangeResult.Status.REPLAYED) {
			ok.header("Idempotent-Replayed", "true");
		}
		return ok.body(new ViewResponse(result.count(), result.updatedAt()));
	}

	@GetMapping
	ViewStats stats(@PathVariable String objectId) {
		String id = ObjectIds.objectId(objectId);
		ObjectCounts counts = this.counters.read(id);
		return new ViewStats(counts.count(CounterField.VIEWS), this.counters.uniqueViewers(id),
				UNIQUE_VIEWERS_STANDARD_ERROR, counts.updatedAt(CounterField.VIEWS));
	}

	/** The answer to a view (and to its replays). */
	public record ViewResponse(long count, Instant updatedAt) {
	}

	/**
	 * @param uniqueViewers HyperLogLog estimate of distinct viewers
	 * @param uniqueViewersStandardError relative standard error of that estimate (0.0081)
	 */
	record ViewStats(long count, long uniqueViewers, double uniqueViewersStandardError, Instant updatedAt) {
	}

}
