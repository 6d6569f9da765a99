-- The counter audit of one UTC day, for DuckDB and Spark SQL (the rules of sessions.sql): likes, views and
-- generic counters recounted from the raw CounterChanged events (docs/events.md). A change counts in the
-- minute of its occurredAt. A re-sent record repeats the whole value (at another offset), so grouping by
-- the value drops it; its first offset orders the changes of one script call, which share occurredAt.
-- Parameters: day_start_ms, day_end_ms.

-- table: counter_changes
SELECT event_id, object_id, counter, delta, value, occurred_ms, min(kafka_partition) AS kafka_partition,
       min(kafka_offset) AS kafka_offset
FROM counter_events
WHERE type = 'CounterChanged' AND occurred_ms >= ${day_start_ms}
GROUP BY event_id, object_id, counter, delta, value, occurred_ms;

-- table: day_changes
SELECT * FROM counter_changes WHERE occurred_ms < ${day_end_ms};

-- result: minutes
-- The recount of each minute bucket (epoch seconds of its start), as counter-service's buckets hold it.
SELECT object_id, counter, CAST(floor(occurred_ms / 60000.0) AS BIGINT) * 60 AS minute_start,
       sum(delta) AS net, count(*) AS changes
FROM day_changes
GROUP BY object_id, counter, CAST(floor(occurred_ms / 60000.0) AS BIGINT) * 60
ORDER BY object_id, counter, minute_start;

-- result: objects
-- Per object and counter: the day's changes and net movement, and the value after its last archived change
-- (on or after the day: what the live counter should read now, when the archive is up to date).
SELECT d.object_id, d.counter, d.changes, d.net, l.value AS last_value
FROM (SELECT object_id, counter, count(*) AS changes, sum(delta) AS net
      FROM day_changes GROUP BY object_id, counter) d
JOIN (SELECT object_id, counter, value
      FROM (SELECT object_id, counter, value,
                   row_number() OVER (PARTITION BY object_id, counter
                                      ORDER BY occurred_ms DESC, kafka_partition DESC, kafka_offset DESC) AS rn
            FROM counter_changes) r
      WHERE rn = 1) l
  ON l.object_id = d.object_id AND l.counter = d.counter
ORDER BY d.object_id, d.counter;
