package io.headcount.counter.counters;

/**
 * Maps public counter names to fields of the per-object hash. Likes and views are built
 * in (their own endpoints and rules); every other name is a generic counter stored as
 * {@code c:<name>}.
 */
public final class CounterField {

	public static final String LIKES = "likes";

	public static final String VIEWS = "views";

	private static final String GENERIC_PREFIX = "c:";

	private static final String EVENT_PREFIX = "e:";

	private CounterField() {
	}

	public static String generic(String name) {
		return GENERIC_PREFIX + name;
	}

	/**
	 * The bucket field of a statistics event type: its own namespace, so an event type
	 * and a counter of the same name never share buckets.
	 */
	public static String event(String type) {
		return EVENT_PREFIX + type;
	}

	/** The field for a name as used in read URLs: likes, views or a generic counter. */
	public static String forName(String name) {
		return isBuiltIn(name) ? name : generic(name);
	}

	public static boolean isBuiltIn(String name) {
		return LIKES.equals(name) || VIEWS.equals(name);
	}

	/** likes, views, or the generic counter's own name. */
	public static String publicName(String field) {
		return field.startsWith(GENERIC_PREFIX) ? field.substring(GENERIC_PREFIX.length()) : field;
	}

	/** Bounded metric tag: likes, views or generic (never a name a client chose). */
	public static String metricTag(String field) {
		return field.startsWith(GENERIC_PREFIX) ? "generic" : field;
	}

}
