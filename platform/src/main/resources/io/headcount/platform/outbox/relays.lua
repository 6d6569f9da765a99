-- The relays of one outbox announce themselves, so that each takes a fair share of the streams.
-- KEYS[1] sorted set of relays (member holder id, score: when it last announced itself, ms)
-- ARGV[1] the holder's id   ARGV[2] how long an announcement counts, ms   ARGV[3] 'announce' or 'leave'
-- Returns the number of live relays (this one included when announcing).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[3] == 'leave' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now, ARGV[1])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('ZCARD', KEYS[1])
