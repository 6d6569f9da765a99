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
				new CounterBucketRepaired(id(), NOW, "post:42", "likes", "minute",
						Instant.parse("2026-11-25T10:15:00Z"), 14, 12),
				new ShopperJoined(id(), NOW, "ps5", "u-1", 17, NOW.plusSeconds(60), NOW.plusSeconds(600)),
				new ShopperAdmitted(id(), NOW, "ps5", "u-1"), new ShopperLeft(id(), NOW, "ps5", "u-1", "expired"),
				new ShopperJoined(id(), NOW, "ps5", "u-2", 0, NOW, NOW, 18L),
				new ShopperAdmitted(id(), NOW, "ps5", "u-2", 18L, NOW.plusSeconds(600), 100L),
				new ShopperLeft(id(), NOW, "ps5", "u-3", "left", 19L, false),
				new ShopperEvicted(id(), NOW, "ps5", "u-4", "idle", 20L, false),
				new ShopperRejected(id(), NOW, "ps5", "u-5", "full", 200_000, 100),
				new RoomSoldOut(id(), NOW, "ps5", 1_234, 100),
				new RoomOpened(id(), NOW, "ps5", NOW, "9f2c4e1a0b7d3c5e9f2c4e1a0b7d3c5e", 20_000));
	}

	static PresenceChanged presenceChanged() {
		return new PresenceChanged(id(), NOW, "u-1", "online", "offline", NOW, "phone", "heartbeat");
	}

	static String id() {
		return UUID.randomUUID().toString();
	}

}
