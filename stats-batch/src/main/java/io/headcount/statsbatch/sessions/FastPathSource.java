package io.headcount.statsbatch.sessions;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Where the fast path's per-second counts are read from. */
public interface FastPathSource {

	/**
	 * Per site: the count of each second of the day, {@code -1} where none was reported.
	 * @throws RuntimeException when the source cannot be read (the report then says the
	 * comparison was unavailable)
	 */
	Map<String, long[]> perSecond(LocalDate day, List<String> sites);

	/** A site's comparison that could not be made, and why. */
	static FastPathComparison unavailable(String siteId, String reason) {
		return FastPathComparison.without(siteId, "unavailable: " + reason);
	}

	/** Compares the fast path with the batch's curves, site by site. */
	static List<FastPathComparison> compare(FastPathSource source, SessionsDay day) {
		List<String> sites = day.sites().stream().map(SiteSessions::siteId).toList();
		Map<String, long[]> fast;
		try {
			fast = source.perSecond(day.day(), sites);
		}
		catch (RuntimeException ex) {
			String reason = "unavailable: " + ex.getMessage();
			return sites.stream().map((site) -> FastPathComparison.without(site, reason)).toList();
		}
		return sites.stream().map((site) -> {
			long[] batch = day.secondCurves().getOrDefault(site, new long[SessionsReport.SECONDS]);
			long[] reported = fast.get(site);
			return (reported == null) ? FastPathComparison.without(site, "no fast-path data")
					: FastPathComparison.compare(site, reported, batch);
		}).toList();
	}

}
