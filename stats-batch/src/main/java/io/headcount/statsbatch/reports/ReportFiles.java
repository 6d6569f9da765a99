package io.headcount.statsbatch.reports;

import java.util.List;

/** The files of one day's report directory. */
public final class ReportFiles {

	public static final String HTML = "index.html";

	public static final String JSON = "report.json";

	public static final String SESSIONS_CSV = "sessions.csv";

	public static final String MINUTES_CSV = "concurrency-per-minute.csv";

	public static final String FAST_PATH_CSV = "fast-path.csv";

	public static final String PRESENCE_CSV = "presence-per-minute.csv";

	public static final String ROOMS_CSV = "waiting-rooms.csv";

	/** The counter audit's drifted values and buckets. */
	public static final String COUNTER_DRIFT_CSV = "counter-drift.csv";

	/** The counter audit's most changed counters of the day. */
	public static final String COUNTER_TOP_CSV = "counter-top.csv";

	public static final List<String> ALL = List.of(HTML, JSON, SESSIONS_CSV, MINUTES_CSV, FAST_PATH_CSV, PRESENCE_CSV,
			ROOMS_CSV, COUNTER_DRIFT_CSV, COUNTER_TOP_CSV);

	private ReportFiles() {
	}

	/** The media type a file is served with. */
	public static String mediaType(String file) {
		if (file.endsWith(".html")) {
			return "text/html;charset=UTF-8";
		}
		return file.endsWith(".json") ? "application/json" : "text/csv;charset=UTF-8";
	}

}
