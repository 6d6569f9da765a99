-- The presence summary of one UTC day, for DuckDB and Spark SQL (the rules of sessions.sql).
-- A user's status holds from one PresenceChanged to the next; "online" is status online.
-- Parameters: day_start_ms, day_end_ms, day_start_min, events_from_ms (the day minus the look-around:
-- the status a user had at midnight).

-- table: presence_day
SELECT DISTINCT event_id, occurred_ms, user_id, status, previous_status
FROM presence_events
WHERE occurred_ms >= ${events_from_ms} AND occurred_ms < ${day_end_ms} AND type = 'PresenceChanged';

-- table: presence_spans
SELECT user_id, status, occurred_ms AS start_ms,
       coalesce(lead(occurred_ms) OVER (PARTITION BY user_id ORDER BY occurred_ms, event_id), ${day_end_ms}) AS end_ms
FROM presence_day;

-- table: online_deltas
SELECT minute, sum(d) AS d
FROM (SELECT CAST(floor(greatest(start_ms, ${day_start_ms}) / 60000.0) AS BIGINT) - ${day_start_min} AS minute,
             CAST(1 AS BIGINT) AS d
      FROM presence_spans WHERE status = 'online' AND end_ms > ${day_start_ms} AND end_ms > start_ms
      UNION ALL
      SELECT CAST(floor((end_ms - 1) / 60000.0) AS BIGINT) - ${day_start_min} + 1 AS minute, CAST(-1 AS BIGINT) AS d
      FROM presence_spans WHERE status = 'online' AND end_ms > ${day_start_ms} AND end_ms > start_ms) x
GROUP BY minute;

-- result: online_per_minute
-- Users online at any time in each minute (a user is counted once however many devices).
SELECT r.id AS minute,
       sum(coalesce(d.d, CAST(0 AS BIGINT))) OVER (ORDER BY r.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS users
FROM ${range:1440} r LEFT JOIN online_deltas d ON d.minute = r.id
ORDER BY r.id;

-- result: presence_totals
SELECT count(*) AS changes, count(DISTINCT user_id) AS users,
       count(DISTINCT CASE WHEN status = 'online' THEN user_id END) AS users_online
FROM presence_day WHERE occurred_ms >= ${day_start_ms};

-- result: transitions
SELECT coalesce(previous_status, 'offline') AS from_status, status AS to_status, count(*) AS changes
FROM presence_day WHERE occurred_ms >= ${day_start_ms}
GROUP BY coalesce(previous_status, 'offline'), status
ORDER BY from_status, to_status;
