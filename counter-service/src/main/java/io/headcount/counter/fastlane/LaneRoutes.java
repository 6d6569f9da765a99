package io.headcount.counter.fastlane;

import io.headcount.counter.counters.CounterController;
import io.headcount.counter.counters.CounterPaths;
import io.headcount.counter.counters.LikeController;
import io.headcount.counter.counters.ViewController;
import org.jspecify.annotations.Nullable;

/**
 * The fast lane's route table: which requests it takes, built from the controllers' own
 * path constants ({@link CounterPaths}) and naming the controller method each calls, so
 * that {@link FastLaneGuard} can check at startup that Spring MVC would send the same
 * request to that very method.
 */
final class LaneRoutes {

	static final String PREFIX = "/v1/objects/";

	private static final String OBJECT_ID = "{objectId}/";

	private static final Kind[] KINDS = Kind.values();

	private LaneRoutes() {
	}

	/**
	 * One route of the lane: a method and path pattern, and the controller method the
	 * lane calls for it.
	 */
	enum Kind {

		LIKE("PUT", CounterPaths.LIKE, true, LikeController.class, "like"),
		UNLIKE("DELETE", CounterPaths.LIKE, true, LikeController.class, "unlike"),
		LIKED("GET", CounterPaths.LIKE, false, LikeController.class, "get"),
		VIEW("POST", CounterPaths.VIEWS, true, ViewController.class, "view"),
		COUNTER("GET", CounterPaths.COUNTER, false, CounterController.class, "get");

		final String method;

		final String pattern;

		final boolean write;

		final Class<?> controller;

		final String handler;

		/** What follows the object id, up to a last path variable if there is one. */
		private final String literal;

		private final boolean trailingVariable;

		Kind(String method, String pattern, boolean write, Class<?> controller, String handler) {
			this.method = method;
			this.pattern = pattern;
			this.write = write;
			this.controller = controller;
			this.handler = handler;
			if (!pattern.startsWith(PREFIX + OBJECT_ID)) {
				throw new IllegalStateException(
						"The fast lane takes only " + PREFIX + OBJECT_ID + "... paths, not " + pattern);
			}
			String rest = pattern.substring(PREFIX.length() + OBJECT_ID.length());
			int variable = rest.indexOf('{');
			this.trailingVariable = variable >= 0;
			this.literal = this.trailingVariable ? rest.substring(0, variable) : rest;
			if (this.trailingVariable && (rest.indexOf('}') != rest.length() - 1 || !this.literal.endsWith("/"))) {
				throw new IllegalStateException("The fast lane takes at most one path variable after the object id, "
						+ "as the last segment, not " + pattern);
			}
		}

		/**
		 * A request path this route takes, with {@code value} for every path variable.
		 */
		String samplePath(String value) {
			return this.pattern.replaceAll("\\{[^}]+\\}", value);
		}

	}

	/**
	 * One parsed request. Object ids and counter names are taken only when every
	 * character is one MVC would pass through unchanged (no escapes, no matrix
	 * parameters, no dot segments); the controllers validate them as usual.
	 *
	 * @param counter the value of the route's last path variable, if it has one
	 */
	record Route(Kind kind, String objectId, @Nullable String counter) {

		static @Nullable Route of(String method, String uri) {
			if (!uri.startsWith(PREFIX)) {
				return null;
			}
			int slash = uri.indexOf('/', PREFIX.length());
			if (slash < 0 || !plain(uri, PREFIX.length(), slash)) {
				return null;
			}
			String rest = uri.substring(slash + 1);
			for (Kind kind : KINDS) {
				if (!kind.method.equals(method)) {
					continue;
				}
				if (!kind.trailingVariable) {
					if (rest.equals(kind.literal)) {
						return new Route(kind, uri.substring(PREFIX.length(), slash), null);
					}
				}
				else if (rest.startsWith(kind.literal) && plain(rest, kind.literal.length(), rest.length())) {
					return new Route(kind, uri.substring(PREFIX.length(), slash),
							rest.substring(kind.literal.length()));
				}
			}
			return null;
		}

		/**
		 * Non-empty, and only letters, digits, '_' and '-', or dots in a segment that is
		 * not all dots.
		 */
		private static boolean plain(String s, int from, int to) {
			if (from >= to) {
				return false;
			}
			boolean onlyDots = true;
			for (int i = from; i < to; i++) {
				char c = s.charAt(i);
				boolean dot = c == '.';
				if (!dot && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_'
						&& c != '-') {
					return false;
				}
				onlyDots &= dot;
			}
			return !onlyDots;
		}

	}

}
