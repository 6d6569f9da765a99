package io.headcount.counter.counters;

import java.security.Principal;
import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Likes are state, not increments: PUT says "I like it", DELETE "I do not". Repeating
 * either (retries, double clicks, a client library replaying a command) changes nothing,
 * so the count cannot drift. The fast lane ({@code fastlane.CounterFastLane}) calls these
 * methods too.
 */
@RestController
@RequestMapping(CounterPaths.LIKE)
public class LikeController {

	private final CounterService counters;

	LikeController(CounterService counters) {
		this.counters = counters;
	}

	@PutMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	public LikeResponse like(@PathVariable String objectId, Principal user) {
		String id = ObjectIds.objectId(objectId);
		return LikeResponse.of(this.counters.change(id, Change.like(user.getName(), this.counters.nowMs())));
	}

	@DeleteMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	public LikeResponse unlike(@PathVariable String objectId, Principal user) {
		String id = ObjectIds.objectId(objectId);
		return LikeResponse.of(this.counters.change(id, Change.unlike(user.getName(), this.counters.nowMs())));
	}

	@GetMapping
	public LikeResponse get(@PathVariable String objectId, Principal user) {
		String id = ObjectIds.objectId(objectId);
		boolean liked = this.counters.isLiked(id, user.getName());
		ObjectCounts counts = this.counters.read(id);
		return new LikeResponse(counts.count(CounterField.LIKES), liked, counts.updatedAt(CounterField.LIKES));
	}

	/**
	 * @param count likes of the object
	 * @param liked whether the calling user likes it
	 * @param updatedAt when the like count last changed (null if never)
	 */
	public record LikeResponse(long count, boolean liked, Instant updatedAt) {

		static LikeResponse of(ChangeResult result) {
			return new LikeResponse(result.count(), Boolean.TRUE.equals(result.liked()), result.updatedAt());
		}

	}

}
