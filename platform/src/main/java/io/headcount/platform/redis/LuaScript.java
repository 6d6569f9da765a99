package io.headcount.platform.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script that lives as a resource next to the feature using it
 * ({@code presence.lua} beside {@code PresenceStore}), read once at startup so that a
 * missing or empty file fails the application rather than the first request. It holds the
 * text and SHA-1 both as strings and as the bytes EVAL and EVALSHA send, so that a caller
 * writing raw command arguments does not encode them on every call. Run it through
 * {@link RedisCalls#eval}, which sends EVALSHA and falls back to EVAL once.
 */
public final class LuaScript {

	private final String name;

	private final String text;

	private final String sha1;

	private final byte[] textBytes;

	private final byte[] sha1Bytes;

	private LuaScript(String name, String text) {
		this.name = name;
		this.text = text;
		DefaultRedisScript<Object> spring = new DefaultRedisScript<>(text);
		this.sha1 = spring.getSha1();
		this.textBytes = text.getBytes(StandardCharsets.UTF_8);
		this.sha1Bytes = this.sha1.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Lua functions that several scripts need, written once here: loading a script with a
	 * library puts the library's text in front of the script's (after a {@code #!lua}
	 * flags line), as Redis has no way to include one script in another.
	 */
	public enum Library {

		/** {@code iso(ms)}: epoch milliseconds as ISO-8601 UTC (event timestamps). */
		ISO_TIME("iso-time.lua");

		private final String resource;

		Library(String resource) {
			this.resource = resource;
		}

		String text() {
			return read(new ClassPathResource(this.resource, LuaScript.class));
		}

	}

	/**
	 * @param anchor a class in the script's package
	 * @param resource the file name, relative to the anchor's package (e.g.
	 * {@code "presence.lua"})
	 * @param libraries platform functions the script calls
	 */
	public static LuaScript load(Class<?> anchor, String resource, Library... libraries) {
		ClassPathResource file = new ClassPathResource(resource, anchor);
		String source = read(file);
		if (libraries.length == 0) {
			return new LuaScript(file.getPath(), source);
		}
		StringBuilder text = new StringBuilder();
		String body = source;
		if (source.startsWith("#!")) {
			int end = source.indexOf('\n') + 1;
			text.append(source, 0, end);
			body = source.substring(end);
		}
		for (Library library : libraries) {
			text.append(library.text()).append('\n');
		}
		return new LuaScript(file.getPath(), text.append(body).toString());
	}

	private static String read(ClassPathResource file) {
		if (!file.exists()) {
			throw new IllegalStateException("Lua script " + file.getPath() + " not found");
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
		return source;
	}

	/** The resource path, for messages. */
	public String name() {
		return this.name;
	}

	public String text() {
		return this.text;
	}

	public String sha1() {
		return this.sha1;
	}

	/** The text as UTF-8, as EVAL sends it; do not modify. */
	public byte[] textBytes() {
		return this.textBytes;
	}

	/** The SHA-1 as ASCII hex, as EVALSHA sends it; do not modify. */
	public byte[] sha1Bytes() {
		return this.sha1Bytes;
	}

	/**
	 * The same script for Spring Data Redis' {@code RedisTemplate.execute}, which has its
	 * own EVALSHA fallback.
	 * @param resultType {@code Long}, {@code Boolean}, {@code List}, {@code String}, as
	 * Spring Data maps replies
	 */
	public <T> RedisScript<T> forTemplate(Class<T> resultType) {
		return new DefaultRedisScript<>(this.text, resultType);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
