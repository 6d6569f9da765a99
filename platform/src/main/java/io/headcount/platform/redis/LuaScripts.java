package io.headcount.platform.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Loads the Lua scripts that live as resources next to the feature using them ({@code
 * io/headcount/waitingroom/queue/admit.lua} beside {@code AdmissionLoop}). Scripts are read once, at
 * startup, so that a missing or empty file fails the application rather than the first request.
 * Spring Data Redis runs them with {@code EVALSHA} and falls back to {@code EVAL} when a node (a new
 * master after a failover) does not have the script cached yet.
 */
public final class LuaScripts {

	private LuaScripts() {
	}

	/**
	 * @param anchor a class in the script's package
	 * @param resource the file name, relative to the anchor's package (e.g. {@code "admit.lua"})
	 * @param resultType {@code Long}, {@code Boolean}, {@code List}, {@code String} or {@code null}
	 * for no result, as Spring Data Redis maps Redis replies
	 */
	public static <T> RedisScript<T> load(Class<?> anchor, String resource, Class<T> resultType) {
		ClassPathResource file = new ClassPathResource(resource, anchor);
		if (!file.exists()) {
			throw new IllegalStateException("Lua script " + resource + " not found next to " + anchor.getName());
		}
		String source;
		try {
			source = file.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Lua script " + file.getPath(), ex);
		}
		if (source.isBlank()) {
			throw new IllegalStateException("Lua script " + file.getPath() + " is empty");
		}
		DefaultRedisScript<T> script = new DefaultRedisScript<>(source, resultType);
		script.getSha1(); // computed now, not on the first request
		return script;
	}

}
