-- The outbox relay's one script, on one outbox stream: take or renew the stream's lease and read its
-- oldest records, or give the lease up. Both keys share the stream's hash tag.
--
-- KEYS[1] the outbox stream   KEYS[2] its lease (holds the holder's id, PX lease ms)
-- ARGV[1] 'claim' or 'release'   ARGV[2] the holder's id   ARGV[3] lease ms
-- ARGV[4] most records to read; 0 reads only the oldest one (its age, for the metrics), to renew the
--   lease of a stream whose last read is still on its way to Kafka
--
-- claim returns {0, pttl} when another holder has the lease, else {1, nowMs (Redis TIME), XLEN, records}
--   with the records as XRANGE answers them, oldest first. Everything in the stream is unrelayed: the
--   relay deletes records only after Kafka acknowledged them, so it always reads from the start.
--   A missing stream is created empty: the services' scripts only write to an outbox that exists
--   (a missing one on the node that runs them means the slot is moving or the relay never ran).
-- release returns 1 if the caller held the lease and gave it up, else 0.

local holder = redis.call('GET', KEYS[2])
if ARGV[1] == 'release' then
  if holder == ARGV[2] then
    redis.call('DEL', KEYS[2])
    return 1
  end
  return 0
end
if holder and holder ~= ARGV[2] then
  return { 0, redis.call('PTTL', KEYS[2]) }
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('XADD', KEYS[1], 'MAXLEN', '0', '*', 'created', '1')
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local count = math.max(tonumber(ARGV[4]), 1)
return { 1, now, redis.call('XLEN', KEYS[1]), redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', count) }
