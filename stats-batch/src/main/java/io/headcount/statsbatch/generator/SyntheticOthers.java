package io.headcount.statsbatch.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import io.headcount.platform.events.CounterChanged;
import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.HeadcountEvent;
import io.headcount.platform.events.PresenceChanged;
import io.headcount.platform.events.RoomOpened;
import io.headcount.platform.events.ShopperAdmitted;
import io.headcount.platform.events.ShopperEvicted;
import io.headcount.platform.events.ShopperJoined;
import io.headcount.platform.events.ShopperLeft;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveTable;
import io.headcount.statsbatch.archive.ParquetWriter;
import io.headcount.statsbatch.waitingroom.DrawCheck;
import org.jspecify.annotations.Nullable;

/**
 * Presence changes, counter changes and one waiting room's drop with known answers, in
 * the archive's layout (one file per topic and day, partition 0).
 */
public final class SyntheticOthers {

	/**
	 * Room {@code drop-1}: joined, at once, abandoned (left the queue), FIFO swaps,
	 * evicted idle and expired from the shop; the others left the shop.
	 */
	public static final int SHOPPERS = 200;

	public static final int AT_ONCE = 20;

	public static final int ABANDONED = 10;

	public static final int SWAPS = 2;

	public static final int IDLE = 20;

	public static final int EXPIRED = 10;

	public static final int USERS = 50;

	/**
	 * Room {@code draw-1}: who joined before its 14:00 opening, drawn with
	 * {@link #DRAW_SEED}.
	 */
	public static final int DRAWN = 40;

	public static final String DRAW_SEED = "seed-of-draw-1";

	// epoch · 2³² + sequence, as room.lua numbers places
	private static final long TICKETS = 1_765_000_000L << 32;

	private SyntheticOthers() {
	}

	/**
	 * Writes the day's presence changes (each of {@link #USERS} users online once, from
	 * 10:00 + i minutes for 30 minutes, then offline) and the room's drop (from 12:00).
	 */
	public static void write(LocalDate day, ArchiveFiles archive) {
		long start = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		SplittableRandom random = new SplittableRandom(3);
		List<HeadcountEvent> presence = new ArrayList<>();
		for (int user = 0; user < USERS; user++) {
			Instant online = Instant.ofEpochMilli(start + 36_000_000L + user * 60_000L);
			Instant offline = online.plusSeconds(1_800);
			presence.add(
					new PresenceChanged(uuid(random), online, "u" + user, "online", "offline", online, "phone", "set"));
			presence.add(new PresenceChanged(uuid(random), offline, "u" + user, "offline", "online", offline, "phone",
					"timed-out"));
		}
		List<HeadcountEvent> room = new ArrayList<>();
		long open = start + 43_200_000L;
		List<Integer> queue = new ArrayList<>();
		for (int shopper = 0; shopper < SHOPPERS; shopper++) {
			Instant joined = Instant.ofEpochMilli(open + shopper * 100L);
			boolean atOnce = shopper < AT_ONCE;
			room.add(new ShopperJoined(uuid(random), joined, "drop-1", "s" + shopper,
					atOnce ? 0 : shopper - AT_ONCE + 1, atOnce ? null : joined.plusSeconds(shopper),
					atOnce ? null : joined.plusSeconds(2L * shopper)));
			if (atOnce) {
				room.add(new ShopperAdmitted(uuid(random), joined, "drop-1", "s" + shopper));
			}
			else {
				queue.add(shopper);
			}
		}
		List<Integer> abandoned = queue.subList(queue.size() - ABANDONED, queue.size());
		for (int shopper : abandoned) {
			room.add(new ShopperLeft(uuid(random), Instant.ofEpochMilli(open + 30_000), "drop-1", "s" + shopper,
					"left"));
		}
		List<Integer> admitted = new ArrayList<>(queue.subList(0, queue.size() - ABANDONED));
		for (int swap = 0; swap < SWAPS; swap++) { // two adjacent pairs out of order
			int at = 10 + swap * 20;
			admitted.set(at, admitted.set(at + 1, admitted.get(at)));
		}
		for (int i = 0; i < admitted.size(); i++) {
			int shopper = admitted.get(i);
			Instant at = Instant.ofEpochMilli(open + 60_000L + i * 1_000L);
			room.add(new ShopperAdmitted(uuid(random), at, "drop-1", "s" + shopper, TICKETS + shopper,
					at.plusSeconds(600), null));
			Instant end = at.plusSeconds(300);
			if (i < IDLE + EXPIRED) {
				room.add(new ShopperEvicted(uuid(random), end, "drop-1", "s" + shopper, (i < IDLE) ? "idle" : "expired",
						null, true));
			}
			else {
				room.add(new ShopperLeft(uuid(random), end, "drop-1", "s" + shopper, "left", null, true));
			}
		}
		room.addAll(drawRoom(start, random));
		write(archive, ArchiveTable.PRESENCE_EVENTS, presence);
		write(archive, ArchiveTable.WAITING_ROOM_EVENTS, room);
		List<HeadcountEvent> counters = new ArrayList<>(counterEvents(day, "post", 5));
		counters.add(counters.get(7)); // a re-sent record: the same eventId and value
		write(archive, ArchiveTable.COUNTER_EVENTS, counters);
	}

	/**
	 * Room {@code draw-1}: {@link #DRAWN} shoppers join from 13:00, before its 14:00
	 * opening, each with the draw's ticket; it opens, publishing the seed, and admits
	 * them in the drawn order.
	 */
	private static List<HeadcountEvent> drawRoom(long dayStart, SplittableRandom random) {
		long opens = dayStart + 50_400_000L;
		List<HeadcountEvent> events = new ArrayList<>();
		List<String> users = new ArrayList<>();
		for (int shopper = 0; shopper < DRAWN; shopper++) {
			String user = "d" + shopper;
			users.add(user);
			Instant joined = Instant.ofEpochMilli(opens - 3_600_000L + shopper * 30_000L);
			events.add(new ShopperJoined(uuid(random), joined, "draw-1", user, shopper + 1, null, null,
					DrawCheck.ticket(DRAW_SEED, user)));
		}
		events.add(new RoomOpened(uuid(random), Instant.ofEpochMilli(opens + 5), "draw-1", Instant.ofEpochMilli(opens),
				DRAW_SEED, DRAWN));
		users.sort(java.util.Comparator.comparing((String user) -> DrawCheck.ticket(DRAW_SEED, user))
			.thenComparing(java.util.Comparator.naturalOrder()));
		for (int i = 0; i < users.size(); i++) {
			Instant at = Instant.ofEpochMilli(opens + 1_000L + i * 1_000L);
			events.add(new ShopperAdmitted(uuid(random), at, "draw-1", users.get(i),
					DrawCheck.ticket(DRAW_SEED, users.get(i)), at.plusSeconds(600), null));
			events.add(new ShopperLeft(uuid(random), at.plusSeconds(300), "draw-1", users.get(i), "left", null, true));
		}
		return events;
	}

	/**
	 * Counters of {@link #counterEvents}: objects, and changes of each object's counters.
	 */
	public static final int COUNTER_OBJECTS = 10;

	/**
	 * The day's counter changes of objects {@code <prefix>-0} … {@code -9}: likes (+1 and
	 * -1), views and a generic counter {@code shares} (deltas 1 to 3), at random times of
	 * the day, each {@code value} the running sum; in time order.
	 */
	public static List<CounterChanged> counterEvents(LocalDate day, String prefix, long seed) {
		long start = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		SplittableRandom random = new SplittableRandom(seed);
		List<CounterChanged> events = new ArrayList<>();
		for (int object = 0; object < COUNTER_OBJECTS; object++) {
			for (String counter : List.of("likes", "views", "shares")) {
				int changes = 5 + object * 3 + random.nextInt(10);
				long[] times = random.longs(changes, start, start + 86_400_000L).sorted().toArray();
				long value = 0;
				for (long time : times) {
					long delta = switch (counter) {
						case "likes" -> (value > 0 && random.nextInt(4) == 0) ? -1 : 1;
						case "views" -> 1;
						default -> 1 + random.nextInt(3);
					};
					value += delta;
					events.add(new CounterChanged(uuid(random), Instant.ofEpochMilli(time), prefix + "-" + object,
							counter, delta, value, "u" + random.nextInt(100), null));
				}
			}
		}
		events.sort(java.util.Comparator.comparing(CounterChanged::occurredAt));
		return events;
	}

	/** Writes counter events as one archive file (partition 0) of their first hour. */
	public static void writeCounterEvents(ArchiveFiles archive, List<? extends HeadcountEvent> events) {
		write(archive, ArchiveTable.COUNTER_EVENTS, List.copyOf(events));
	}

	private static void write(ArchiveFiles archive, ArchiveTable table, List<HeadcountEvent> events) {
		List<@Nullable Object[]> rows = new ArrayList<>();
		long offset = 0;
		for (HeadcountEvent event : events) {
			String json = EventJson.write(event);
			rows.add(table.row(EventJson.mapper().readTree(json), json, 0, offset++));
		}
		long first = events.getFirst().occurredAt().toEpochMilli();
		try (ParquetWriter writer = new ParquetWriter()) {
			writer.write(table, rows,
					archive.hourDirectory(table, first).resolve(ArchiveFiles.fileName(table, 0, 0, offset - 1)));
		}
	}

	private static String uuid(SplittableRandom random) {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

}
