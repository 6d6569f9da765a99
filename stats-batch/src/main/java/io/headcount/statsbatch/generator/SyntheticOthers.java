package io.headcount.statsbatch.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.HeadcountEvent;
import io.headcount.platform.events.PresenceChanged;
import io.headcount.platform.events.ShopperAdmitted;
import io.headcount.platform.events.ShopperEvicted;
import io.headcount.platform.events.ShopperJoined;
import io.headcount.platform.events.ShopperLeft;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveTable;
import io.headcount.statsbatch.archive.ParquetWriter;
import org.jspecify.annotations.Nullable;

/**
 * Presence changes and one waiting room's drop with known answers, in the archive's
 * layout (one file per topic and day, partition 0).
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
		write(archive, ArchiveTable.PRESENCE_EVENTS, presence);
		write(archive, ArchiveTable.WAITING_ROOM_EVENTS, room);
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
