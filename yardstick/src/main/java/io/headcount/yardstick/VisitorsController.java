package io.headcount.yardstick;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.data.redis.connection.RedisZSetCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Site visitors as a team would write them in an afternoon: one sorted set per site
 * (session id, last heartbeat in the JVM's milliseconds), {@code ZADD} to open,
 * {@code ZADD XX} to heartbeat, {@code ZREM} to close, {@code ZCOUNT} over the timeout
 * for the count, and an event sent to Kafka without waiting on open and close; the same
 * paths and answers as Headcount's anonymous session API, so one load script drives both.
 * <p>
 * What it does not do, and Headcount does: spread a big site over the cluster (a site is
 * one key on one master), count on Redis's clock (each instance's own clock here), end a
 * timed-out session with an event (nothing closes a session whose page never said so),
 * events that survive a killed instance, per-object counts, validation, rate limits.
 */
@RestController
class VisitorsController {

	static final String TOPIC = "yardstick.sessions";

	static final long TIMEOUT_MILLIS = 3_600_000;

	private final StringRedisTemplate redis;

	private final KafkaTemplate<String, String> kafka;

	VisitorsController(StringRedisTemplate redis, KafkaTemplate<String, String> kafka) {
		this.redis = redis;
		this.kafka = kafka;
	}

	@PostMapping(path = "/v1/sites/{siteId}/sessions", produces = "application/json")
	ResponseEntity<Map<String, Object>> open(@PathVariable String siteId) {
		byte[] bytes = new byte[12];
		ThreadLocalRandom.current().nextBytes(bytes);
		String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.redis.opsForZSet().add(key(siteId), sessionId, System.currentTimeMillis());
		this.kafka.send(TOPIC, sessionId, "{\"type\":\"opened\",\"siteId\":\"" + siteId + "\",\"sessionId\":\""
				+ sessionId + "\",\"at\":\"" + Instant.now() + "\"}");
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("sessionId", sessionId, "heartbeatSeconds", 60));
	}

	@PostMapping(path = "/v1/sites/{siteId}/sessions/{sessionId}/heartbeat")
	ResponseEntity<Void> heartbeat(@PathVariable String siteId, @PathVariable String sessionId) {
		// ZADD XX CH: updates a session that is there, and says whether it changed; a
		// session unknown or closed is not added back, and the client opens a new one
		Boolean changed = this.redis.execute((RedisCallback<Boolean>) (connection) -> connection.zSetCommands()
			.zAdd(bytes(key(siteId)), System.currentTimeMillis(), bytes(sessionId),
					RedisZSetCommands.ZAddArgs.ifExists().ch()));
		if (!Boolean.TRUE.equals(changed) && this.redis.opsForZSet().score(key(siteId), sessionId) == null) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/v1/sites/{siteId}/sessions/{sessionId}/close")
	ResponseEntity<Void> beaconClose(@PathVariable String siteId, @PathVariable String sessionId) {
		return close(siteId, sessionId);
	}

	@DeleteMapping(path = "/v1/sites/{siteId}/sessions/{sessionId}")
	ResponseEntity<Void> close(@PathVariable String siteId, @PathVariable String sessionId) {
		Long removed = this.redis.opsForZSet().remove(key(siteId), sessionId);
		if (removed != null && removed > 0) {
			this.kafka.send(TOPIC, sessionId, "{\"type\":\"closed\",\"siteId\":\"" + siteId + "\",\"sessionId\":\""
					+ sessionId + "\",\"at\":\"" + Instant.now() + "\"}");
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping(path = "/v1/sites/{siteId}/visitors", produces = "application/json")
	Map<String, Object> count(@PathVariable String siteId) {
		long now = System.currentTimeMillis();
		Long count = this.redis.opsForZSet().count(key(siteId), now - TIMEOUT_MILLIS, Double.POSITIVE_INFINITY);
		return Map.of("concurrent", (count != null) ? count : 0L, "asOf", Instant.ofEpochMilli(now).toString());
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String key(String siteId) {
		return "yardstick:visitors:" + siteId;
	}

}
