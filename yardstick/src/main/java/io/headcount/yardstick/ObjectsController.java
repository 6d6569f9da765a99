package io.headcount.yardstick;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A like and a view as the afternoon's version writes them: set, counter, event; counter,
 * event.
 */
@RestController
class ObjectsController {

	static final String TOPIC = "yardstick.likes";

	static final String VIEWS_TOPIC = "yardstick.views";

	private final StringRedisTemplate redis;

	private final KafkaTemplate<String, String> kafka;

	ObjectsController(StringRedisTemplate redis, KafkaTemplate<String, String> kafka) {
		this.redis = redis;
		this.kafka = kafka;
	}

	@PutMapping(path = "/v1/objects/{objectId}/likes/me", produces = "application/json")
	Map<String, Object> like(@PathVariable String objectId, @AuthenticationPrincipal Jwt jwt) {
		String user = jwt.getSubject();
		// one hash tag per object: the set and the count live on one node
		String tag = "{yl:" + objectId + "}";
		Long added = this.redis.opsForSet().add(tag + ":likers", user);
		Long count;
		if (added != null && added == 1) {
			count = this.redis.opsForValue().increment(tag + ":count");
			this.kafka.send(TOPIC, objectId,
					"{\"objectId\":\"" + objectId + "\",\"userId\":\"" + user + "\",\"at\":\"" + Instant.now() + "\"}");
		}
		else {
			String current = this.redis.opsForValue().get(tag + ":count");
			count = (current != null) ? Long.valueOf(current) : 0L;
		}
		return Map.of("objectId", objectId, "liked", true, "count", count);
	}

	@PostMapping(path = "/v1/objects/{objectId}/views", produces = "application/json")
	Map<String, Object> view(@PathVariable String objectId, @AuthenticationPrincipal Jwt jwt) {
		Long count = this.redis.opsForValue().increment("{yv:" + objectId + "}:count");
		this.kafka.send(VIEWS_TOPIC, objectId, "{\"objectId\":\"" + objectId + "\",\"userId\":\"" + jwt.getSubject()
				+ "\",\"at\":\"" + Instant.now() + "\"}");
		return Map.of("objectId", objectId, "views", (count != null) ? count : 0L);
	}

}
