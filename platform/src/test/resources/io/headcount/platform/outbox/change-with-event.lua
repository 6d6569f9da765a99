-- What a service's script does, reduced to its outbox part: a state change and its event record in one call.
-- KEYS[1] a counter   KEYS[2] the outbox stream (same hash tag)
-- ARGV[1] topic   ARGV[2] key   ARGV[3] payload JSON (without eventId and occurredAt)
-- Returns the entry id.
redis.call('INCR', KEYS[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('XADD', KEYS[2], '*', 'topic', ARGV[1], 'key', ARGV[2], 'ts', string.format('%d', now),
  'payload', ARGV[3])
