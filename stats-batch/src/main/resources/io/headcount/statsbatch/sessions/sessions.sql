-- The visitor sessions report of one UTC day, written once for DuckDB and Spark SQL.
-- Instants are epoch milliseconds (BIGINT). Parameters: day_start_ms, day_end_ms, day_start_s,
-- day_start_min, events_from_ms / events_to_ms (the day widened by the look-around, so that
-- sessions opened before midnight and closes after it are seen), spam_opens_per_minute.
-- Only constructs both engines read the same way: no QUALIFY, no FILTER, no ordered-set
-- percentiles (their discrete percentiles differ), integer arithmetic or floor() cast to BIGINT.

-- table: sessions
-- One row per opened session, from ONE scan of the events grouped by session: every aggregate is a
-- min or max, so a re-sent event (it repeats its whole value, docs/events.md) changes nothing and no
-- DISTINCT pass over the day's events is needed. Its end: a client close ends it when the client said
-- so; a timed-out close where it really ended (its last activity); no close at all gets one injected
-- at its last known activity (the open: heartbeats are not events) plus the site's timeout.
SELECT site_id, session_id, start_ms, bot, address_hash,
       CASE WHEN closed = 0 THEN 'injected'
            WHEN reason = 'client' THEN 'client' ELSE 'timed-out' END AS close_kind,
       CASE WHEN closed = 0 THEN start_ms + timeout_ms
            WHEN reason = 'client' THEN greatest(closed_ms, start_ms)
            ELSE greatest(coalesce(last_ms, start_ms), start_ms) END AS end_ms
FROM (SELECT session_id,
             min(CASE WHEN type = 'VisitorSessionOpened' THEN site_id END) AS site_id,
             min(CASE WHEN type = 'VisitorSessionOpened' THEN occurred_ms END) AS start_ms,
             max(CASE WHEN type = 'VisitorSessionOpened' AND bot THEN 1 ELSE 0 END) AS bot,
             min(CASE WHEN type = 'VisitorSessionOpened' THEN address_hash END) AS address_hash,
             max(CASE WHEN type = 'VisitorSessionOpened' THEN coalesce(timeout_millis, CAST(0 AS BIGINT)) END)
               AS timeout_ms,
             max(CASE WHEN type = 'VisitorSessionClosed' THEN 1 ELSE 0 END) AS closed,
             min(CASE WHEN type = 'VisitorSessionClosed' THEN reason END) AS reason,
             min(CASE WHEN type = 'VisitorSessionClosed' THEN occurred_ms END) AS closed_ms,
             max(CASE WHEN type = 'VisitorSessionClosed' THEN last_activity_ms END) AS last_ms
      FROM session_events
      WHERE occurred_ms >= ${events_from_ms} AND occurred_ms < ${events_to_ms}
        AND type IN ('VisitorSessionOpened', 'VisitorSessionClosed')
      GROUP BY session_id) e
WHERE start_ms IS NOT NULL;

-- table: spam_addresses
-- Spam: an address (its salted hash) that opened more than spam_opens_per_minute non-bot
-- sessions on one site within one minute; all its sessions on that site are spam.
SELECT DISTINCT site_id, address_hash
FROM (SELECT site_id, address_hash, CAST(floor(start_ms / 60000.0) AS BIGINT) AS opened_minute,
             count(*) AS opens
      FROM sessions
      WHERE bot = 0 AND address_hash IS NOT NULL
      GROUP BY site_id, address_hash, CAST(floor(start_ms / 60000.0) AS BIGINT)) per_minute
WHERE opens > ${spam_opens_per_minute};

-- table: classified
-- The spam table is small: the hint (a comment to DuckDB) has Spark broadcast it instead of sorting
-- 5,000,000 sessions for a merge join. No session id: nothing after this needs it.
SELECT /*+ BROADCAST(p) */ s.site_id, s.start_ms, s.end_ms, s.close_kind,
       CASE WHEN s.bot = 1 THEN 'bot' WHEN p.address_hash IS NOT NULL THEN 'spam' ELSE 'human' END AS class
FROM sessions s
LEFT JOIN spam_addresses p ON p.site_id = s.site_id AND p.address_hash = s.address_hash;

-- table: second_deltas
-- A session counts in every second it was open during: from the second of its start to the
-- second of its last millisecond (a zero-length session counts in its one second).
SELECT site_id, sec, sum(d) AS d
FROM (SELECT site_id, CAST(floor(greatest(start_ms, ${day_start_ms}) / 1000.0) AS BIGINT) - ${day_start_s} AS sec,
             CAST(1 AS BIGINT) AS d
      FROM classified
      WHERE class = 'human' AND start_ms < ${day_end_ms} AND greatest(end_ms, start_ms + 1) > ${day_start_ms}
      UNION ALL
      SELECT site_id, CAST(floor((greatest(end_ms, start_ms + 1) - 1) / 1000.0) AS BIGINT) - ${day_start_s} + 1 AS sec,
             CAST(-1 AS BIGINT) AS d
      FROM classified
      WHERE class = 'human' AND start_ms < ${day_end_ms} AND greatest(end_ms, start_ms + 1) > ${day_start_ms}) x
GROUP BY site_id, sec;

-- table: minute_deltas
SELECT site_id, minute, sum(d) AS d
FROM (SELECT site_id, CAST(floor(greatest(start_ms, ${day_start_ms}) / 60000.0) AS BIGINT) - ${day_start_min} AS minute,
             CAST(1 AS BIGINT) AS d
      FROM classified
      WHERE class = 'human' AND start_ms < ${day_end_ms} AND greatest(end_ms, start_ms + 1) > ${day_start_ms}
      UNION ALL
      SELECT site_id, CAST(floor((greatest(end_ms, start_ms + 1) - 1) / 60000.0) AS BIGINT) - ${day_start_min} + 1 AS minute,
             CAST(-1 AS BIGINT) AS d
      FROM classified
      WHERE class = 'human' AND start_ms < ${day_end_ms} AND greatest(end_ms, start_ms + 1) > ${day_start_ms}) x
GROUP BY site_id, minute;

-- table: sites
SELECT DISTINCT site_id FROM classified WHERE start_ms >= ${day_start_ms} AND start_ms < ${day_end_ms};

-- table: per_second
SELECT s.site_id, r.id AS sec,
       sum(coalesce(d.d, CAST(0 AS BIGINT))) OVER (PARTITION BY s.site_id ORDER BY r.id
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS visitors
FROM sites s CROSS JOIN ${range:86400} r
LEFT JOIN second_deltas d ON d.site_id = s.site_id AND d.sec = r.id;

-- table: per_minute
SELECT s.site_id, r.id AS minute,
       sum(coalesce(d.d, CAST(0 AS BIGINT))) OVER (PARTITION BY s.site_id ORDER BY r.id
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS visitors
FROM sites s CROSS JOIN ${range:1440} r
LEFT JOIN minute_deltas d ON d.site_id = s.site_id AND d.minute = r.id;

-- table: length_counts
-- How many human sessions of the day had each length, per site: the percentiles below are read off
-- these counts, so no engine has to sort every session (Spark sorted each site's on one thread).
SELECT site_id, end_ms - start_ms AS length_ms, count(*) AS sessions
FROM classified
WHERE class = 'human' AND start_ms >= ${day_start_ms} AND start_ms < ${day_end_ms}
GROUP BY site_id, end_ms - start_ms;

-- result: site_sessions
-- Session lengths by nearest rank: p-th percentile = the length at rank ceil(p/100 * n), the shortest
-- length whose running count of sessions (shortest first) reaches that rank.
SELECT c.site_id, c.sessions, c.bot_sessions, c.spam_sessions, c.client_closes, c.timed_out_closes,
       c.injected_closes, l.p50_ms, l.p90_ms, l.p99_ms
FROM (SELECT site_id,
             sum(CASE WHEN class = 'human' THEN 1 ELSE 0 END) AS sessions,
             sum(CASE WHEN class = 'bot' THEN 1 ELSE 0 END) AS bot_sessions,
             sum(CASE WHEN class = 'spam' THEN 1 ELSE 0 END) AS spam_sessions,
             sum(CASE WHEN class = 'human' AND close_kind = 'client' THEN 1 ELSE 0 END) AS client_closes,
             sum(CASE WHEN class = 'human' AND close_kind = 'timed-out' THEN 1 ELSE 0 END) AS timed_out_closes,
             sum(CASE WHEN class = 'human' AND close_kind = 'injected' THEN 1 ELSE 0 END) AS injected_closes
      FROM classified
      WHERE start_ms >= ${day_start_ms} AND start_ms < ${day_end_ms}
      GROUP BY site_id) c
LEFT JOIN (SELECT site_id,
                  min(CASE WHEN up_to * 100 >= n * 50 THEN length_ms END) AS p50_ms,
                  min(CASE WHEN up_to * 100 >= n * 90 THEN length_ms END) AS p90_ms,
                  min(CASE WHEN up_to * 100 >= n * 99 THEN length_ms END) AS p99_ms
           FROM (SELECT site_id, length_ms,
                        sum(sessions) OVER (PARTITION BY site_id ORDER BY length_ms
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS up_to,
                        sum(sessions) OVER (PARTITION BY site_id) AS n
                 FROM length_counts) r
           GROUP BY site_id) l ON l.site_id = c.site_id
ORDER BY c.site_id;

-- result: site_concurrency
-- Peak: the first second (and minute) with the day's maximum.
SELECT s.site_id, s.max_per_second, s.sum_per_second, s.peak_second,
       m.max_per_minute, m.sum_per_minute, m.peak_minute
FROM (SELECT site_id, max(visitors) AS max_per_second, sum(visitors) AS sum_per_second,
             min(CASE WHEN visitors = top THEN sec END) AS peak_second
      FROM (SELECT site_id, sec, visitors, max(visitors) OVER (PARTITION BY site_id) AS top FROM per_second) x
      GROUP BY site_id) s
JOIN (SELECT site_id, max(visitors) AS max_per_minute, sum(visitors) AS sum_per_minute,
             min(CASE WHEN visitors = top THEN minute END) AS peak_minute
      FROM (SELECT site_id, minute, visitors, max(visitors) OVER (PARTITION BY site_id) AS top FROM per_minute) y
      GROUP BY site_id) m ON m.site_id = s.site_id
ORDER BY s.site_id;

-- result: minute_curve
-- Per minute: visitors present at any time in the minute, and the most in any one second.
SELECT m.site_id, m.minute, m.visitors, x.max_second
FROM per_minute m
JOIN (SELECT site_id, CAST(floor(sec / 60.0) AS BIGINT) AS minute, max(visitors) AS max_second
      FROM per_second GROUP BY site_id, CAST(floor(sec / 60.0) AS BIGINT)) x
  ON x.site_id = m.site_id AND x.minute = m.minute
ORDER BY m.site_id, m.minute;

-- result: second_curve
SELECT site_id, sec, visitors FROM per_second ORDER BY site_id, sec;
