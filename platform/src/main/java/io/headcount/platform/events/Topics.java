package io.headcount.platform.events;

import java.util.List;

/**
 * Kafka topic names. One topic per source of events, keyed by the entity whose events
 * must stay in order (see {@link HeadcountEvent#key()}).
 */
public final class Topics {

	/**
	 * Visitor sessions on sites: {@link VisitorSessionOpened},
	 * {@link VisitorSessionClosed}.
	 */
	public static final String SESSION_EVENTS = "headcount.session-events";

	/** User presence: {@link PresenceChanged}. */
	public static final String PRESENCE_EVENTS = "headcount.presence-events";

	/**
	 * Likes, views and generic counters: {@link CounterChanged}, {@link EventRecorded},
	 * {@link CounterBucketRepaired}.
	 */
	public static final String COUNTER_EVENTS = "headcount.counter-events";

	/**
	 * Waiting rooms: {@link ShopperJoined}, {@link ShopperAdmitted}, {@link ShopperLeft}.
	 */
	public static final String WAITING_ROOM_EVENTS = "headcount.waiting-room-events";

	private Topics() {
	}

	/** Every topic, for consumers that archive all of them and for topic creation. */
	public static List<String> all() {
		return List.of(SESSION_EVENTS, PRESENCE_EVENTS, COUNTER_EVENTS, WAITING_ROOM_EVENTS);
	}

}
