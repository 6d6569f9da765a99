package io.headcount.counter.counters;

/**
 * The counters' route paths, used by the controllers' mappings and by the fast lane's
 * route table (which checks at startup that each of its routes reaches the controller
 * method it calls).
 */
public final class CounterPaths {

	/** The calling user's like of one object: GET, PUT, DELETE. */
	public static final String LIKE = "/v1/objects/{objectId}/likes/me";

	/** Views of one object: POST counts one, GET reads the statistics. */
	public static final String VIEWS = "/v1/objects/{objectId}/views";

	/** One named counter of one object: GET reads it, PUT changes it. */
	public static final String COUNTER = "/v1/objects/{objectId}/counters/{name}";

	/** Statistics events of one object: POST records one or a batch. */
	public static final String EVENTS = "/v1/objects/{objectId}/events";

	/** Statistics of one event type of one object: GET with from, to, step, fn. */
	public static final String STATS = "/v1/objects/{objectId}/stats/{type}";

	/** The counters of many objects: GET with {@code ids=a,b,c}. */
	public static final String OBJECTS = "/v1/objects";

	private CounterPaths() {
	}

}
