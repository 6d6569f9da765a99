-- The waiting-room audit of one UTC day, for DuckDB and Spark SQL (the rules of sessions.sql).
-- Event names as docs/events.md: ShopperJoined (position 1-based, 0 when admitted at once; the EWT
-- expectedAdmissionAt and admissionNoLaterThan; ticket), ShopperAdmitted, ShopperLeft (reason left),
-- ShopperEvicted (reason idle or expired), ShopperRejected (full). Admissions follow ascending
-- tickets; events of the first form have no ticket and are ordered by join time and position.
-- A shopper's visit is keyed by room and user, from a join on the day.
-- Parameters: day_start_ms, day_end_ms, events_to_ms (the day plus the look-around), draw_from_ms (the
-- day minus the look-around: joins before an opening may be the day before).

-- table: room_events
SELECT DISTINCT event_id, type, occurred_ms, room_id, user_id, position, expected_admission_ms,
       admission_no_later_than_ms, reason, ticket
FROM waiting_room_events
WHERE occurred_ms >= ${day_start_ms} AND occurred_ms < ${events_to_ms};

-- table: draw_events
-- What a draw is checked with (RoomOpened's drawSeed, the joins before it and the admissions after).
SELECT DISTINCT event_id, type, occurred_ms, room_id, user_id, ticket, opens_at_ms, draw_seed, drawn
FROM waiting_room_events
WHERE occurred_ms >= ${draw_from_ms} AND occurred_ms < ${events_to_ms}
  AND type IN ('RoomOpened', 'ShopperJoined', 'ShopperAdmitted');

-- table: draws
-- Each room's opening on the day (its first RoomOpened: one opening writes one).
SELECT room_id, draw_seed, opens_at_ms, drawn
FROM (SELECT room_id, draw_seed, opens_at_ms, drawn,
             row_number() OVER (PARTITION BY room_id ORDER BY occurred_ms, event_id) AS rn
      FROM draw_events
      WHERE type = 'RoomOpened' AND occurred_ms >= ${day_start_ms} AND occurred_ms < ${day_end_ms}) o
WHERE rn = 1;

-- table: visits
SELECT j.room_id, j.user_id, j.joined_ms, j.position, j.ticket, j.expected_ms, j.bound_ms, a.admitted_ms, l.left_ms
FROM (SELECT room_id, user_id, min(occurred_ms) AS joined_ms, min(position) AS position, min(ticket) AS ticket,
             min(expected_admission_ms) AS expected_ms, min(admission_no_later_than_ms) AS bound_ms
      FROM room_events
      WHERE type = 'ShopperJoined' AND occurred_ms < ${day_end_ms}
      GROUP BY room_id, user_id) j
LEFT JOIN (SELECT room_id, user_id, min(occurred_ms) AS admitted_ms FROM room_events
           WHERE type = 'ShopperAdmitted' GROUP BY room_id, user_id) a
  ON a.room_id = j.room_id AND a.user_id = j.user_id
LEFT JOIN (SELECT room_id, user_id, min(occurred_ms) AS left_ms FROM room_events
           WHERE type IN ('ShopperLeft', 'ShopperEvicted') GROUP BY room_id, user_id) l
  ON l.room_id = j.room_id AND l.user_id = j.user_id;

-- table: queued
-- Those who waited and were admitted, ranked in join order among all who waited; an admission is out of FIFO order when someone who joined
-- later was admitted before (the running maximum of earlier admissions' join ranks).
SELECT room_id, user_id, joined_ms, admitted_ms, left_ms, expected_ms, bound_ms, join_rank,
       max(join_rank) OVER (PARTITION BY room_id ORDER BY admitted_ms, join_rank
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_before
FROM (SELECT v.*, row_number() OVER (PARTITION BY room_id ORDER BY coalesce(ticket, CAST(0 AS BIGINT)), joined_ms,
                                                     position, user_id) AS join_rank
      FROM visits v WHERE position > 0) q
WHERE admitted_ms IS NOT NULL;

-- result: rooms
SELECT v.room_id,
       count(*) AS joined,
       sum(CASE WHEN v.position = 0 THEN 1 ELSE 0 END) AS admitted_at_once,
       sum(CASE WHEN v.position > 0 THEN 1 ELSE 0 END) AS waited,
       sum(CASE WHEN v.admitted_ms IS NOT NULL THEN 1 ELSE 0 END) AS admitted,
       sum(CASE WHEN v.position > 0 AND v.left_ms IS NOT NULL AND (v.admitted_ms IS NULL OR v.left_ms < v.admitted_ms) THEN 1 ELSE 0 END) AS abandoned,
       coalesce(max(f.fifo_violations), 0) AS fifo_violations,
       coalesce(max(w.p50), -1) AS wait_p50_ms, coalesce(max(w.p90), -1) AS wait_p90_ms,
       coalesce(max(w.p99), -1) AS wait_p99_ms, coalesce(max(w.top), -1) AS wait_max_ms,
       coalesce(max(w.with_ewt), 0) AS with_ewt, coalesce(max(w.ewt_abs_error_sum), 0) AS ewt_abs_error_sum_ms,
       coalesce(max(w.bound_kept), 0) AS bound_kept
FROM visits v
LEFT JOIN (SELECT room_id, sum(CASE WHEN latest_before > join_rank THEN 1 ELSE 0 END)
                  AS fifo_violations
           FROM queued GROUP BY room_id) f ON f.room_id = v.room_id
LEFT JOIN (SELECT room_id,
                  min(CASE WHEN rn * 100 >= n * 50 THEN wait_ms END) AS p50,
                  min(CASE WHEN rn * 100 >= n * 90 THEN wait_ms END) AS p90,
                  min(CASE WHEN rn * 100 >= n * 99 THEN wait_ms END) AS p99,
                  max(wait_ms) AS top,
                  sum(CASE WHEN expected_ms IS NOT NULL THEN 1 ELSE 0 END) AS with_ewt,
                  sum(CASE WHEN expected_ms IS NOT NULL THEN abs(admitted_ms - expected_ms) ELSE 0 END) AS ewt_abs_error_sum,
                  sum(CASE WHEN bound_ms IS NOT NULL AND admitted_ms <= bound_ms THEN 1 ELSE 0 END) AS bound_kept
           FROM (SELECT room_id, admitted_ms - joined_ms AS wait_ms, admitted_ms, expected_ms, bound_ms,
                        row_number() OVER (PARTITION BY room_id ORDER BY admitted_ms - joined_ms, user_id) AS rn,
                        count(*) OVER (PARTITION BY room_id) AS n
                 FROM queued) a
           GROUP BY room_id) w ON w.room_id = v.room_id
WHERE v.joined_ms >= ${day_start_ms}
GROUP BY v.room_id
ORDER BY v.room_id;

-- result: draws
SELECT room_id, draw_seed, opens_at_ms, drawn FROM draws ORDER BY room_id;

-- result: drawn_shoppers
-- Who joined a room before its opening (within the look-around): the ticket their join recorded (their
-- first), and their first admission.
SELECT j.room_id, j.user_id, j.ticket, a.admitted_ms
FROM (SELECT e.room_id, e.user_id, min(e.ticket) AS ticket
      FROM draw_events e JOIN draws d ON d.room_id = e.room_id
      WHERE e.type = 'ShopperJoined' AND e.occurred_ms < d.opens_at_ms
        AND e.occurred_ms >= d.opens_at_ms - (${day_start_ms} - ${draw_from_ms})
      GROUP BY e.room_id, e.user_id) j
LEFT JOIN (SELECT room_id, user_id, min(occurred_ms) AS admitted_ms FROM draw_events
           WHERE type = 'ShopperAdmitted' GROUP BY room_id, user_id) a
  ON a.room_id = j.room_id AND a.user_id = j.user_id
ORDER BY j.room_id, j.user_id;

-- result: left_reasons
-- Departures by reason: left (the shopper said so), idle and expired (evictions), full (refused).
SELECT room_id, reason, count(*) AS shoppers
FROM room_events WHERE type IN ('ShopperLeft', 'ShopperEvicted', 'ShopperRejected') AND occurred_ms < ${day_end_ms}
GROUP BY room_id, reason
ORDER BY room_id, reason;
