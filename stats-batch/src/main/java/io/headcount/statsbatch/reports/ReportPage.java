package io.headcount.statsbatch.reports;

import java.util.Locale;

import io.headcount.statsbatch.sessions.FastPathComparison;
import io.headcount.statsbatch.sessions.SiteSessions;
import org.jspecify.annotations.Nullable;

/**
 * The day's {@code index.html}: plain sentences first, then each site's visitors over the
 * day as an inline SVG line chart, then the figures in tables with what each means. One
 * self-contained file: no scripts, fonts, images or stylesheets from elsewhere.
 */
final class ReportPage {

	static final int WIDTH = 720;

	static final int HEIGHT = 200;

	private ReportPage() {
	}

	static String html(DayReport report) {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>Headcount audit report ")
			.append(report.day())
			.append("</title>\n<style>\n")
			.append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\n")
			.append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;")
			.append("text-align:right}th:first-child,td:first-child{text-align:left}\n")
			.append("svg{background:#fafafa;border:1px solid #ddd;max-width:100%;height:auto}")
			.append(".note{color:#555;font-size:.9rem}\n")
			.append(".wide{overflow-x:auto;max-width:100%}h1,p,li{overflow-wrap:anywhere}\n")
			.append("</style>\n</head>\n<body>\n<h1>What happened on ")
			.append(report.day())
			.append(" (UTC)</h1>\n");
		summary(html, report);
		for (SiteSessions site : report.sessions().sites()) {
			html.append("<section class=\"site\">\n<h2>").append(escape(site.siteId())).append("</h2>\n");
			chart(html, site, report.sessions().minuteCurves().getOrDefault(site.siteId(), new long[1440]));
			html.append("</section>\n");
		}
		sessionsTable(html, report);
		fastPathTable(html, report);
		presence(html, report);
		rooms(html, report);
		counters(html, report);
		html.append("<h2>How these figures are made</h2>\n<p class=\"note\">")
			.append("A visitor session starts when a page opens it and ends when the page closes it. When the page ")
			.append("never says goodbye (a crashed tab, a lost network), the live service ends the session after the ")
			.append("site's timeout: that is a <em>lost close</em>, and this report ends such a session at its last ")
			.append("activity instead. A session with no end at all is ended at its start plus the site's timeout. ")
			.append("Sessions opened by robots (their browser says so) and by an address that opened more than ")
			.append(report.rules().spamOpensPerMinute())
			.append(" sessions in one minute (spam) are counted, then left out of every other figure. ")
			.append("Percentiles are by nearest rank. Times are UTC.</p>\n</body>\n</html>\n");
		// a wide table scrolls in its own box: the page itself never scrolls sideways
		return html.toString().replace("<table", "<div class=\"wide\"><table").replace("</table>", "</table></div>");
	}

	private static void summary(StringBuilder html, DayReport report) {
		html.append("<ul class=\"summary\">\n");
		for (SiteSessions site : report.sessions().sites()) {
			html.append("<li><strong>")
				.append(escape(site.siteId()))
				.append("</strong>: ")
				.append(grouped(site.sessions()))
				.append(" visits; at most ")
				.append(grouped(site.maxPerSecond()))
				.append(" visitors at the same time (at ")
				.append(site.peakSecond())
				.append("); ")
				.append(percent(site.lostCloseRate()))
				.append(" of visits ended without saying goodbye; ")
				.append(grouped(site.botSessions() + site.spamSessions()))
				.append(" robot or spam visits left out.</li>\n");
		}
		html.append("</ul>\n");
	}

	private static void chart(StringBuilder html, SiteSessions site, long[] curve) {
		long max = 1;
		for (long value : curve) {
			max = Math.max(max, value);
		}
		int left = 50;
		int bottom = HEIGHT - 25;
		int plotWidth = WIDTH - left - 10;
		int plotHeight = bottom - 10;
		html.append("<svg class=\"chart\" role=\"img\" width=\"")
			.append(WIDTH)
			.append("\" height=\"")
			.append(HEIGHT)
			.append("\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(HEIGHT)
			.append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>Visitors of ")
			.append(escape(site.siteId()))
			.append(" per minute</title>\n");
		for (int tick = 0; tick <= 2; tick++) {
			long value = max * tick / 2;
			int y = bottom - (int) (plotHeight * value / max);
			html.append("<line x1=\"")
				.append(left)
				.append("\" y1=\"")
				.append(y)
				.append("\" x2=\"")
				.append(WIDTH - 10)
				.append("\" y2=\"")
				.append(y)
				.append("\" stroke=\"#ddd\"/><text x=\"")
				.append(left - 5)
				.append("\" y=\"")
				.append(y + 4)
				.append("\" font-size=\"11\" text-anchor=\"end\">")
				.append(value)
				.append("</text>\n");
		}
		for (int hour = 0; hour <= 24; hour += 3) {
			int x = left + plotWidth * hour / 24;
			html.append("<text x=\"")
				.append(x)
				.append("\" y=\"")
				.append(HEIGHT - 8)
				.append("\" font-size=\"11\" text-anchor=\"middle\">")
				.append("%02d:00".formatted(hour))
				.append("</text>\n");
		}
		html.append("<polyline fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"1.5\" points=\"");
		for (int minute = 0; minute < curve.length; minute++) {
			if (minute > 0) {
				html.append(' ');
			}
			html.append(String.format(Locale.ROOT, "%.1f,%.1f", left + plotWidth * minute / (double) (curve.length - 1),
					bottom - plotHeight * curve[minute] / (double) max));
		}
		html.append("\"/>\n</svg>\n<p class=\"note\">Visitors present in each minute of the day; the busiest minute, ")
			.append(site.peakMinute())
			.append(", had ")
			.append(grouped(site.maxPerMinute()))
			.append(".</p>\n");
	}

	private static void sessionsTable(StringBuilder html, DayReport report) {
		html.append("<h2>Visits</h2>\n<table class=\"sessions\">\n<tr><th>site</th><th>visits</th><th>robots</th>")
			.append("<th>spam</th><th>closed by the page</th><th>timed out (lost close)</th><th>no close (injected)</th>")
			.append("<th>lost-close rate</th><th>length p50</th><th>p90</th><th>p99</th><th>max at once (second)</th>")
			.append("<th>mean (second)</th><th>peak</th><th>max (minute)</th><th>mean (minute)</th></tr>\n");
		for (SiteSessions site : report.sessions().sites()) {
			html.append("<tr><td>")
				.append(escape(site.siteId()))
				.append("</td><td>")
				.append(grouped(site.sessions()))
				.append("</td><td>")
				.append(grouped(site.botSessions()))
				.append("</td><td>")
				.append(grouped(site.spamSessions()))
				.append("</td><td>")
				.append(grouped(site.clientCloses()))
				.append("</td><td>")
				.append(grouped(site.timedOutCloses()))
				.append("</td><td>")
				.append(grouped(site.injectedCloses()))
				.append("</td><td>")
				.append(percent(site.lostCloseRate()))
				.append("</td><td>")
				.append(duration(site.p50Millis()))
				.append("</td><td>")
				.append(duration(site.p90Millis()))
				.append("</td><td>")
				.append(duration(site.p99Millis()))
				.append("</td><td>")
				.append(grouped(site.maxPerSecond()))
				.append("</td><td>")
				.append(ReportWriter.round(site.meanPerSecond()).setScale(1, java.math.RoundingMode.HALF_EVEN))
				.append("</td><td>")
				.append(site.peakSecond())
				.append("</td><td>")
				.append(grouped(site.maxPerMinute()))
				.append("</td><td>")
				.append(ReportWriter.round(site.meanPerMinute()).setScale(1, java.math.RoundingMode.HALF_EVEN))
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void fastPathTable(StringBuilder html, DayReport report) {
		html.append("<h2>Live counts against this report</h2>\n<p class=\"note\">The live dashboard counts a visitor ")
			.append("until the site's timeout passes, robots included; this report ends lost sessions at their last ")
			.append("activity and leaves robots and spam out. The difference is the live count's error.</p>\n")
			.append("<table class=\"fast-path\">\n<tr><th>site</th><th>status</th><th>seconds compared</th>")
			.append("<th>mean absolute error</th><th>mean error (live minus report)</th><th>largest difference</th>")
			.append("<th>at</th><th>live</th><th>report</th></tr>\n");
		for (FastPathComparison comparison : report.fastPath()) {
			html.append("<tr><td>")
				.append(escape(comparison.siteId()))
				.append("</td><td>")
				.append(escape(comparison.status()))
				.append("</td><td>")
				.append(grouped(comparison.secondsCompared()))
				.append("</td><td>")
				.append(ReportWriter.round(comparison.meanAbsoluteError())
					.setScale(2, java.math.RoundingMode.HALF_EVEN))
				.append("</td><td>")
				.append(ReportWriter.round(comparison.meanSignedError()).setScale(2, java.math.RoundingMode.HALF_EVEN))
				.append("</td><td>")
				.append(grouped(comparison.largestDivergence()))
				.append("</td><td>")
				.append(comparison.largestAt())
				.append("</td><td>")
				.append(grouped(comparison.fastAtLargest()))
				.append("</td><td>")
				.append(grouped(comparison.batchAtLargest()))
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void presence(StringBuilder html, DayReport report) {
		html.append("<h2>Signed-in users</h2>\n<p>")
			.append(grouped(report.presence().users()))
			.append(" users changed status (")
			.append(grouped(report.presence().changes()))
			.append(" changes); at most ")
			.append(grouped(report.presence().peakOnline()))
			.append(" were online in one minute (")
			.append(report.presence().peakMinute())
			.append(").</p>\n<table class=\"transitions\">\n<tr><th>from</th><th>to</th><th>changes</th></tr>\n");
		for (var transition : report.presence().transitions()) {
			html.append("<tr><td>")
				.append(escape(transition.from()))
				.append("</td><td>")
				.append(escape(transition.to()))
				.append("</td><td>")
				.append(grouped(transition.changes()))
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void rooms(StringBuilder html, DayReport report) {
		html.append("<h2>Waiting rooms</h2>\n<table class=\"rooms\">\n<tr><th>room</th><th>joined</th>")
			.append("<th>in at once</th><th>waited</th><th>admitted</th><th>gave up</th><th>out of turn (must be 0)</th>")
			.append("<th>wait p50</th><th>p90</th><th>p99</th><th>EWT mean error</th><th>in by the promised time</th>")
			.append("<th>sent away idle</th><th>time up</th><th>draw: joined before opening</th>")
			.append("<th>draw mismatches (must be 0)</th></tr>\n");
		for (var room : report.rooms()) {
			html.append("<tr><td>")
				.append(escape(room.roomId()))
				.append("</td><td>")
				.append(grouped(room.joined()))
				.append("</td><td>")
				.append(grouped(room.admittedAtOnce()))
				.append("</td><td>")
				.append(grouped(room.waited()))
				.append("</td><td>")
				.append(grouped(room.admitted()))
				.append("</td><td>")
				.append(grouped(room.abandoned()))
				.append("</td><td>")
				.append(grouped(room.fifoViolations()))
				.append("</td><td>")
				.append(duration((room.waitP50Millis() < 0) ? null : room.waitP50Millis()))
				.append("</td><td>")
				.append(duration((room.waitP90Millis() < 0) ? null : room.waitP90Millis()))
				.append("</td><td>")
				.append(duration((room.waitP99Millis() < 0) ? null : room.waitP99Millis()))
				.append("</td><td>")
				.append(duration(Math.round(room.ewtMeanAbsoluteErrorMillis())))
				.append("</td><td>")
				.append(percent(room.boundKeptRate()))
				.append("</td><td>")
				.append(grouped(room.leftByReason().getOrDefault("idle", 0L)))
				.append("</td><td>")
				.append(grouped(room.leftByReason().getOrDefault("expired", 0L)))
				.append("</td><td>")
				.append((room.draw() == null) ? "–" : grouped(room.draw().joinedBefore()))
				.append("</td><td>")
				.append((room.draw() == null) ? "–"
						: grouped(room.draw().ticketMismatches() + room.draw().orderViolations()))
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void counters(StringBuilder html, DayReport report) {
		var audit = report.counters();
		html.append("<h2>Counters</h2>\n<p>")
			.append(grouped(audit.changes()))
			.append(" likes, views and other counter changes on ")
			.append(grouped(audit.counters()))
			.append(" counters, recounted from the events; ");
		if (audit.status().equals(io.headcount.statsbatch.counters.CounterAudit.COMPARED)) {
			html.append(grouped(audit.drifts().size()))
				.append(" values or time buckets in Redis differ from the recount (must be 0).</p>\n");
		}
		else {
			html.append("not compared with Redis (").append(escape(audit.status())).append(").</p>\n");
		}
		if (!audit.drifts().isEmpty()) {
			html.append("<table class=\"counter-drift\">\n<tr><th>object</th><th>counter</th><th>bucket</th>")
				.append("<th>start</th><th>recount</th><th>Redis</th><th>difference</th></tr>\n");
			for (var drift : audit.drifts()) {
				html.append("<tr><td>")
					.append(escape(drift.objectId()))
					.append("</td><td>")
					.append(escape(drift.counter()))
					.append("</td><td>")
					.append(drift.isBucket() ? drift.granularity() : "live value")
					.append("</td><td>")
					.append(drift.bucketStartText())
					.append("</td><td>")
					.append(grouped(drift.recount()))
					.append("</td><td>")
					.append(grouped(drift.live()))
					.append("</td><td>")
					.append(String.format(Locale.ROOT, "%+,d", drift.difference()))
					.append("</td></tr>\n");
			}
			html.append("</table>\n");
		}
		html.append("<h3>Most changed counters of the day</h3>\n<table class=\"counter-top\">\n")
			.append("<tr><th>object</th><th>counter</th><th>changes</th><th>net</th><th>value after</th></tr>\n");
		for (var total : audit.top()) {
			html.append("<tr><td>")
				.append(escape(total.objectId()))
				.append("</td><td>")
				.append(escape(total.counter()))
				.append("</td><td>")
				.append(grouped(total.changes()))
				.append("</td><td>")
				.append(String.format(Locale.ROOT, "%+,d", total.net()))
				.append("</td><td>")
				.append(grouped(total.lastValue()))
				.append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static String grouped(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	private static String percent(double rate) {
		return String.format(Locale.ROOT, "%.1f %%", ReportWriter.round(rate * 100).doubleValue());
	}

	private static String duration(@Nullable Long millis) {
		if (millis == null) {
			return "–";
		}
		long seconds = millis / 1000;
		return (seconds < 60) ? seconds + " s" : "%d min %02d s".formatted(seconds / 60, seconds % 60);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
