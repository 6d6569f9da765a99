package io.headcount.statsbatch.generator;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import io.headcount.platform.events.EventJson;
import io.headcount.platform.events.HeadcountEvent;
import io.headcount.platform.events.VisitorSessionClosed;
import io.headcount.platform.events.VisitorSessionOpened;
import io.headcount.statsbatch.archive.ArchiveFiles;
import io.headcount.statsbatch.archive.ArchiveTable;
import io.headcount.statsbatch.archive.ParquetWriter;
import io.headcount.statsbatch.progress.Progress;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Generates a realistic day of visitor session events (a daily curve, log-normal session
 * lengths, lost closes, bots, spam bursts, re-sent events) and writes it in the archive's
 * layout, as the archive would have: partition 0, consecutive offsets, one file per hour
 * and per {@link #FILE_EVENTS} events. The sessions it made come back with the answers
 * the report must find.
 */
public final class SyntheticDay {

	static final int FILE_EVENTS = 250_000;

	static final int SPAM_BURST = 100;

	private static final long DAY = 86_400_000L;

	private SyntheticDay() {
	}

	public static List<GeneratedSession> write(DaySpec spec, ArchiveFiles archive, Progress progress) {
		SplittableRandom random = new SplittableRandom(spec.seed());
		long dayStart = spec.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		List<GeneratedSession> sessions = new ArrayList<>(spec.sessions() + spec.spamBursts() * SPAM_BURST);
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < Math.max(1, spec.sessions() / 3); i++) {
			addresses.add(id(random, 22));
		}
		List<Open> opens = new ArrayList<>();
		for (int i = 0; i < spec.sessions(); i++) {
			int site = 1 + random.nextInt(spec.sites());
			long start = dayStart + dailyCurve(random);
			long length = Math.min(7_200_000L, (long) Math.exp(Math.log(120_000) + random.nextGaussian()));
			boolean bot = random.nextDouble() < spec.botShare();
			double fate = random.nextDouble();
			String close = (fate < spec.missingCloseRate()) ? "injected"
					: (fate < spec.missingCloseRate() + spec.lostCloseRate()) ? VisitorSessionClosed.TIMED_OUT
							: VisitorSessionClosed.CLIENT;
			opens.add(new Open("site-" + site, id(random, 16), start, length, timeout(site), bot,
					addresses.get(random.nextInt(addresses.size())), close));
		}
		for (int burst = 0; burst < spec.spamBursts(); burst++) {
			int site = 1 + random.nextInt(spec.sites());
			String address = "spam-" + id(random, 17);
			long minute = dayStart + random.nextLong(1_439) * 60_000L;
			for (int i = 0; i < SPAM_BURST; i++) {
				opens.add(new Open("site-" + site, id(random, 16), minute + random.nextLong(60_000), 1_000,
						timeout(site), false, address, VisitorSessionClosed.CLIENT));
			}
		}
		List<Event> events = new ArrayList<>(opens.size() * 2);
		for (Open open : opens) {
			events.add(new Event(open.start, opened(random, open)));
			long end = open.start + open.length;
			long reportEnd = switch (open.close) {
				case "injected" -> open.start + open.timeout;
				default -> end;
			};
			if (open.close.equals(VisitorSessionClosed.CLIENT)) {
				events.add(new Event(end,
						new VisitorSessionClosed(uuid(random), Instant.ofEpochMilli(end), open.site, open.session,
								VisitorSessionClosed.CLIENT,
								Instant.ofEpochMilli(end - random.nextLong(1 + Math.min(open.length, 15_000))))));
			}
			else if (open.close.equals(VisitorSessionClosed.TIMED_OUT)) {
				long found = end + open.timeout + random.nextLong(2_000);
				events.add(new Event(found, new VisitorSessionClosed(uuid(random), Instant.ofEpochMilli(found),
						open.site, open.session, VisitorSessionClosed.TIMED_OUT, Instant.ofEpochMilli(end))));
			}
			String kind = open.bot ? "bot" : open.address.startsWith("spam-") ? "spam" : "human";
			sessions.add(new GeneratedSession(open.site, open.session, open.start, reportEnd, kind, open.close));
		}
		events.sort((a, b) -> Long.compare(a.at, b.at));
		writeEvents(events, spec, random, archive, progress);
		return List.copyOf(sessions);
	}

	private static void writeEvents(List<Event> events, DaySpec spec, SplittableRandom random, ArchiveFiles archive,
			Progress progress) {
		ArchiveTable table = ArchiveTable.SESSION_EVENTS;
		progress.phase("writing events");
		try (ParquetWriter writer = new ParquetWriter()) {
			List<@Nullable Object[]> rows = new ArrayList<>();
			long offset = 0;
			long first = 0;
			Path hour = null;
			for (Event event : events) {
				Path eventHour = archive.hourDirectory(table, event.at);
				if (hour != null && (!eventHour.equals(hour) || rows.size() >= FILE_EVENTS)) {
					writer.write(table, rows, hour.resolve(ArchiveFiles.fileName(table, 0, first, offset - 1)));
					progress.fileWritten();
					rows.clear();
					first = offset;
				}
				hour = eventHour;
				String json = EventJson.write(event.event);
				JsonNode tree = EventJson.mapper().readTree(json);
				int copies = (random.nextDouble() < spec.duplicateRate()) ? 2 : 1;
				for (int copy = 0; copy < copies; copy++) {
					rows.add(table.row(tree, json, 0, offset++));
				}
				progress.eventsRead(copies);
			}
			if (hour != null && !rows.isEmpty()) {
				writer.write(table, rows, hour.resolve(ArchiveFiles.fileName(table, 0, first, offset - 1)));
				progress.fileWritten();
			}
		}
		progress.phase("done");
	}

	private static HeadcountEvent opened(SplittableRandom random, Open open) {
		return new VisitorSessionOpened(uuid(random), Instant.ofEpochMilli(open.start), open.site, open.session,
				"page-" + random.nextInt(50), open.bot, open.address, open.timeout);
	}

	/** A time of day, more in the afternoon and evening than at night. */
	private static long dailyCurve(SplittableRandom random) {
		while (true) {
			long at = random.nextLong(DAY);
			double phase = 2 * Math.PI * (at / (double) DAY - 0.375);
			if (random.nextDouble() * 1.8 < 1 + 0.8 * Math.sin(phase)) {
				return at;
			}
		}
	}

	static long timeout(int site) {
		return 30_000L * site;
	}

	private static String id(SplittableRandom random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
	}

	private static String uuid(SplittableRandom random) {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

	private record Open(String site, String session, long start, long length, long timeout, boolean bot, String address,
			String close) {
	}

	private record Event(long at, HeadcountEvent event) {
	}

}
