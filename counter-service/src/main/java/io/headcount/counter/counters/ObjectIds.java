package io.headcount.counter.counters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Validates the ids and names that end up inside Redis keys. Braces would change a key's
 * hash tag, so only a conservative alphabet is accepted.
 */
public final class ObjectIds {

	public static final int MAX_BATCH = 500;

	private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	private static final Pattern COUNTER_NAME = Pattern.compile("[a-z0-9_-]{1,64}");

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private ObjectIds() {
	}

	public static String objectId(@Nullable String id) {
		if (id == null || !OBJECT_ID.matcher(id).matches()) {
			throw new MalformedObjectId("Malformed object id",
					"An object id is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
		}
		return id;
	}

	public static String counterName(@Nullable String name) {
		if (name == null || !COUNTER_NAME.matcher(name).matches()) {
			throw new InvalidCounterChange("Malformed counter name",
					"A counter name is 1 to 64 characters of a-z, 0-9, '_' or '-'.");
		}
		return name;
	}

	/** Returns null for an absent key. */
	public static @Nullable String idempotencyKey(@Nullable String key) {
		if (key == null) {
			return null;
		}
		if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
			throw new InvalidCounterChange("Malformed Idempotency-Key",
					"An Idempotency-Key is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.");
		}
		return key;
	}

	/** Comma separated, de-duplicated in order, 1 to {@value #MAX_BATCH} ids. */
	public static List<String> objectIds(@Nullable String ids) {
		if (ids == null || ids.isBlank()) {
			throw new MalformedObjectId("Missing ids", "Pass ids=a,b,c (1 to " + MAX_BATCH + " object ids).");
		}
		LinkedHashSet<String> unique = new LinkedHashSet<>();
		for (String id : ids.split(",", -1)) {
			unique.add(objectId(id.strip()));
		}
		if (unique.size() > MAX_BATCH) {
			throw new MalformedObjectId("Too many ids",
					"A batch read takes at most " + MAX_BATCH + " object ids, got " + unique.size() + ".");
		}
		return new ArrayList<>(unique);
	}

}
