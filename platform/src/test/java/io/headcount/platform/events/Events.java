package io.headcount.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One example of every event record, with every field set. */
final class Events {

	static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");

	private Events() {
	}

	static List<HeadcountEvent> everyKind() {
		return List.of(presenceChanged(),
				new VisitorSessionOpened(id(), NOW, "site-7", "s-1", "post-42", false, "h4sh", 45_000),
				new VisitorSessionClosed(id(), NOW, "site-7", "s-1", VisitorSessionClosed.TIMED_OUT, NOW),
				new CounterChanged(id(), NOW, "post:42", "likes", -1, 41, "u-1", "idem-1"),
				new EventRecorded(id(), NOW, "post:42", "render-ms", new java.math.BigDecimal("12.5"),
						NOW.minusSeconds(30), "u-1", "idem-2"),
				new ShopperJoined(id(), NOW, "ps5", "u-1", 17, NOW.plusSeconds(60), NOW.plusSeconds(600)),
				new ShopperAdmitted(id(), NOW, "ps5", "u-1"), new ShopperLeft(id(), NOW, "ps5", "u-1", "expired"));
	}

	static PresenceChanged presenceChanged() {
		return new PresenceChanged(id(), NOW, "u-1", "online", "offline", NOW, "phone", "heartbeat");
	}

	static String id() {
		return UUID.randomUUID().toString();
	}

}
