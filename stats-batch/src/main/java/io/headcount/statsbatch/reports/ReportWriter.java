package io.headcount.statsbatch.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import io.headcount.statsbatch.counters.CounterAudit;
import io.headcount.statsbatch.counters.CounterDrift;
import io.headcount.statsbatch.counters.CounterTotal;
import io.headcount.statsbatch.presence.PresenceDay;
import io.headcount.statsbatch.sessions.FastPathComparison;
import io.headcount.statsbatch.sessions.SiteSessions;
import io.headcount.statsbatch.waitingroom.RoomAudit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link DayReport} as {@code index.html} (static, charts as inline SVG, no
 * external assets), {@code report.json} and CSV files. Every number is formatted here,
 * with fixed rounding and {@link Locale#ROOT}, so that the same report gives the same
 * bytes on any engine, machine or locale. Files are written beside and renamed, so a
 * reader never sees half a report.
 */
public final class ReportWriter {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ReportWriter() {
	}

	/** Writes the day's files into {@code directory/<day>/}; returns that directory. */
	public static Path write(DayReport report, Path directory) {
		Path day = directory.resolve(report.day().toString());
		write(day.resolve(ReportFiles.JSON), json(report));
		write(day.resolve(ReportFiles.SESSIONS_CSV), sessionsCsv(report));
		write(day.resolve(ReportFiles.MINUTES_CSV), minutesCsv(report));
		write(day.resolve(ReportFiles.FAST_PATH_CSV), fastPathCsv(report));
		write(day.resolve(ReportFiles.PRESENCE_CSV), presenceCsv(report));
		write(day.resolve(ReportFiles.ROOMS_CSV), roomsCsv(report));
		write(day.resolve(ReportFiles.COUNTER_DRIFT_CSV), counterDriftCsv(report));
		write(day.resolve(ReportFiles.COUNTER_TOP_CSV), counterTopCsv(report));
		write(day.resolve(ReportFiles.HTML), ReportPage.html(report));
		return day;
	}

	static String json(DayReport report) {
		ObjectNode root = JSON.createObjectNode();
		root.put("day", report.day().toString());
		ObjectNode rules = root.putObject("rules");
		rules.put("lookAroundSeconds", report.rules().lookAround().toSeconds());
		rules.put("spamOpensPerMinute", report.rules().spamOpensPerMinute());
		ArrayNode sites = root.putArray("sites");
		for (SiteSessions site : report.sessions().sites()) {
			ObjectNode node = sites.addObject();
			node.put("siteId", site.siteId());
			node.put("sessions", site.sessions());
			node.put("botSessions", site.botSessions());
			node.put("spamSessions", site.spamSessions());
			node.put("clientCloses", site.clientCloses());
			node.put("timedOutCloses", site.timedOutCloses());
			node.put("injectedCloses", site.injectedCloses());
			node.put("lostCloseRate", round(site.lostCloseRate()));
			putNullable(node, "sessionLengthP50Millis", site.p50Millis());
			putNullable(node, "sessionLengthP90Millis", site.p90Millis());
			putNullable(node, "sessionLengthP99Millis", site.p99Millis());
			node.put("maxPerSecond", site.maxPerSecond());
			node.put("meanPerSecond", round(site.meanPerSecond()));
			node.put("peakSecond", site.peakSecond());
			node.put("maxPerMinute", site.maxPerMinute());
			node.put("meanPerMinute", round(site.meanPerMinute()));
			node.put("peakMinute", site.peakMinute());
			ArrayNode curve = node.putArray("visitorsPerMinute");
			for (long value : report.sessions().minuteCurves().getOrDefault(site.siteId(), new long[0])) {
				curve.add(value);
			}
		}
		ArrayNode fastPath = root.putArray("fastPath");
		for (FastPathComparison comparison : report.fastPath()) {
			ObjectNode node = fastPath.addObject();
			node.put("siteId", comparison.siteId());
			node.put("status", comparison.status());
			node.put("secondsCompared", comparison.secondsCompared());
			node.put("meanAbsoluteError", round(comparison.meanAbsoluteError()));
			node.put("meanSignedError", round(comparison.meanSignedError()));
			node.put("largestDivergence", comparison.largestDivergence());
			node.put("largestAt", comparison.largestAt());
			node.put("fastAtLargest", comparison.fastAtLargest());
			node.put("batchAtLargest", comparison.batchAtLargest());
		}
		PresenceDay presence = report.presence();
		ObjectNode users = root.putObject("presence");
		users.put("changes", presence.changes());
		users.put("users", presence.users());
		users.put("usersOnline", presence.usersOnline());
		users.put("peakOnline", presence.peakOnline());
		users.put("peakMinute", presence.peakMinute());
		users.put("flapsSuppressed", "not in the events (presence-service does not publish a suppressed flap)");
		ArrayNode transitions = users.putArray("transitions");
		for (PresenceDay.Transition transition : presence.transitions()) {
			transitions.addObject()
				.put("from", transition.from())
				.put("to", transition.to())
				.put("changes", transition.changes());
		}
		ArrayNode online = users.putArray("onlinePerMinute");
		for (long value : presence.onlinePerMinute()) {
			online.add(value);
		}
		ArrayNode rooms = root.putArray("waitingRooms");
		for (RoomAudit room : report.rooms()) {
			ObjectNode node = rooms.addObject();
			node.put("roomId", room.roomId());
			node.put("joined", room.joined());
			node.put("admittedAtOnce", room.admittedAtOnce());
			node.put("waited", room.waited());
			node.put("admitted", room.admitted());
			node.put("abandoned", room.abandoned());
			node.put("abandonmentRate", round(room.abandonmentRate()));
			node.put("fifoViolations", room.fifoViolations());
			node.put("waitP50Millis", room.waitP50Millis());
			node.put("waitP90Millis", room.waitP90Millis());
			node.put("waitP99Millis", room.waitP99Millis());
			node.put("waitMaxMillis", room.waitMaxMillis());
			node.put("withEwt", room.withEwt());
			node.put("ewtMeanAbsoluteErrorMillis", round(room.ewtMeanAbsoluteErrorMillis()));
			node.put("admittedByTheBoundRate", round(room.boundKeptRate()));
			if (room.draw() == null) {
				node.putNull("draw");
			}
			else {
				node.putObject("draw")
					.put("drawnAtOpening", room.draw().drawnAtOpening())
					.put("joinedBefore", room.draw().joinedBefore())
					.put("admitted", room.draw().admitted())
					.put("ticketMismatches", room.draw().ticketMismatches())
					.put("orderViolations", room.draw().orderViolations());
			}
			ObjectNode reasons = node.putObject("leftByReason");
			room.leftByReason().forEach(reasons::put);
		}
		CounterAudit audit = report.counters();
		ObjectNode counters = root.putObject("counters");
		counters.put("status", audit.status());
		counters.put("counters", audit.counters());
		counters.put("changes", audit.changes());
		counters.put("drifted", audit.drifts().size());
		ArrayNode drifts = counters.putArray("drifts");
		for (CounterDrift drift : audit.drifts()) {
			drifts.addObject()
				.put("objectId", drift.objectId())
				.put("counter", drift.counter())
				.put("granularity", drift.granularity())
				.put("bucketStart", drift.bucketStartText())
				.put("recount", drift.recount())
				.put("live", drift.live())
				.put("difference", drift.difference());
		}
		ArrayNode top = counters.putArray("top");
		for (CounterTotal total : audit.top()) {
			top.addObject()
				.put("objectId", total.objectId())
				.put("counter", total.counter())
				.put("changes", total.changes())
				.put("net", total.net())
				.put("lastValue", total.lastValue());
		}
		return JSON.writeValueAsString(root) + "\n";
	}

	static String counterDriftCsv(DayReport report) {
		StringBuilder csv = new StringBuilder(
				"day,object_id,counter,granularity,bucket_start,recount,live,difference\n");
		for (CounterDrift drift : report.counters().drifts()) {
			csv.append(String.join(",", report.day().toString(), csvText(drift.objectId()), csvText(drift.counter()),
					drift.granularity(), drift.bucketStartText(), Long.toString(drift.recount()),
					Long.toString(drift.live()), Long.toString(drift.difference())))
				.append('\n');
		}
		return csv.toString();
	}

	static String counterTopCsv(DayReport report) {
		StringBuilder csv = new StringBuilder("day,object_id,counter,changes,net,last_value\n");
		for (CounterTotal total : report.counters().top()) {
			csv.append(String.join(",", report.day().toString(), csvText(total.objectId()), csvText(total.counter()),
					Long.toString(total.changes()), Long.toString(total.net()), Long.toString(total.lastValue())))
				.append('\n');
		}
		return csv.toString();
	}

	static String sessionsCsv(DayReport report) {
		StringBuilder csv = new StringBuilder("day,site_id,sessions,bot_sessions,spam_sessions,client_closes,"
				+ "timed_out_closes,injected_closes,lost_close_rate,length_p50_ms,length_p90_ms,length_p99_ms,"
				+ "max_per_second,mean_per_second,peak_second,max_per_minute,mean_per_minute,peak_minute\n");
		for (SiteSessions site : report.sessions().sites()) {
			csv.append(String.join(",", report.day().toString(), csvText(site.siteId()), Long.toString(site.sessions()),
					Long.toString(site.botSessions()), Long.toString(site.spamSessions()),
					Long.toString(site.clientCloses()), Long.toString(site.timedOutCloses()),
					Long.toString(site.injectedCloses()), round(site.lostCloseRate()).toPlainString(),
					text(site.p50Millis()), text(site.p90Millis()), text(site.p99Millis()),
					Long.toString(site.maxPerSecond()), round(site.meanPerSecond()).toPlainString(), site.peakSecond(),
					Long.toString(site.maxPerMinute()), round(site.meanPerMinute()).toPlainString(), site.peakMinute()))
				.append('\n');
		}
		return csv.toString();
	}

	static String minutesCsv(DayReport report) {
		StringBuilder csv = new StringBuilder("day,site_id,minute,visitors,max_in_one_second\n");
		report.sessions().minuteCurves().forEach((site, curve) -> {
			long[] maxima = report.sessions().minuteMaxima().getOrDefault(site, new long[curve.length]);
			for (int minute = 0; minute < curve.length; minute++) {
				csv.append(report.day())
					.append(',')
					.append(csvText(site))
					.append(',')
					.append("%02d:%02d".formatted(minute / 60, minute % 60))
					.append(',')
					.append(curve[minute])
					.append(',')
					.append(maxima[minute])
					.append('\n');
			}
		});
		return csv.toString();
	}

	static String fastPathCsv(DayReport report) {
		StringBuilder csv = new StringBuilder("day,site_id,status,seconds_compared,mean_absolute_error,"
				+ "mean_signed_error,largest_divergence,largest_at,fast_at_largest,batch_at_largest\n");
		for (FastPathComparison comparison : report.fastPath()) {
			csv.append(String.join(",", report.day().toString(), csvText(comparison.siteId()),
					csvText(comparison.status()), Long.toString(comparison.secondsCompared()),
					round(comparison.meanAbsoluteError()).toPlainString(),
					round(comparison.meanSignedError()).toPlainString(), Long.toString(comparison.largestDivergence()),
					comparison.largestAt(), Long.toString(comparison.fastAtLargest()),
					Long.toString(comparison.batchAtLargest())))
				.append('\n');
		}
		return csv.toString();
	}

	static String presenceCsv(DayReport report) {
		StringBuilder csv = new StringBuilder("day,minute,users_online\n");
		long[] online = report.presence().onlinePerMinute();
		for (int minute = 0; minute < online.length; minute++) {
			csv.append(report.day())
				.append(',')
				.append("%02d:%02d".formatted(minute / 60, minute % 60))
				.append(',')
				.append(online[minute])
				.append('\n');
		}
		return csv.toString();
	}

	static String roomsCsv(DayReport report) {
		StringBuilder csv = new StringBuilder("day,room_id,joined,admitted_at_once,waited,admitted,abandoned,"
				+ "abandonment_rate,fifo_violations,wait_p50_ms,wait_p90_ms,wait_p99_ms,wait_max_ms,with_ewt,"
				+ "ewt_mean_absolute_error_ms,admitted_by_the_bound_rate,left,evicted_idle,evicted_expired,rejected_full,"
				+ "draw_joined_before,draw_ticket_mismatches,draw_order_violations\n");
		for (RoomAudit room : report.rooms()) {
			csv.append(String.join(",", report.day().toString(), csvText(room.roomId()), Long.toString(room.joined()),
					Long.toString(room.admittedAtOnce()), Long.toString(room.waited()), Long.toString(room.admitted()),
					Long.toString(room.abandoned()), round(room.abandonmentRate()).toPlainString(),
					Long.toString(room.fifoViolations()), Long.toString(room.waitP50Millis()),
					Long.toString(room.waitP90Millis()), Long.toString(room.waitP99Millis()),
					Long.toString(room.waitMaxMillis()), Long.toString(room.withEwt()),
					round(room.ewtMeanAbsoluteErrorMillis()).toPlainString(),
					round(room.boundKeptRate()).toPlainString(), reason(room, "left"), reason(room, "idle"),
					reason(room, "expired"), reason(room, "full"),
					(room.draw() == null) ? "" : Long.toString(room.draw().joinedBefore()),
					(room.draw() == null) ? "" : Long.toString(room.draw().ticketMismatches()),
					(room.draw() == null) ? "" : Long.toString(room.draw().orderViolations())))
				.append('\n');
		}
		return csv.toString();
	}

	private static String reason(RoomAudit room, String reason) {
		return Long.toString(room.leftByReason().getOrDefault(reason, 0L));
	}

	/** Four decimals, half-even: a double's last bits never reach the output. */
	static BigDecimal round(double value) {
		return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN);
	}

	private static void putNullable(ObjectNode node, String field, @Nullable Long value) {
		if (value == null) {
			node.putNull(field);
		}
		else {
			node.put(field, value.longValue());
		}
	}

	private static String text(@Nullable Long value) {
		return (value == null) ? "" : value.toString();
	}

	private static String csvText(String value) {
		return (value.contains(",") || value.contains("\"") || value.contains("\n"))
				? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

	private static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
			Files.writeString(tmp, content, StandardCharsets.UTF_8);
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
