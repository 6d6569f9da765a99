#!lua flags=allow-cross-slot-keys
-- Sets drifted time buckets of ONE counter of ONE object to the nightly audit's recount, atomically, and
-- writes one CounterBucketRepaired event per bucket into the outbox in the same call (docs/stats-batch.md).
--
-- KEYS the object's bucket hashes (counter-service's layout c:{o:<id>}:ts:<field>:<m|h|d>:<hash start>;
--   they share the hash tag {o:<id>}, so one slot)
-- ARGV[1] the outbox stream of this node (platform OutboxStreams.streamFor the keys' slot; an argument,
--   not a key, as in counter-service's apply-batch.lua)
-- ARGV[2] objectId   ARGV[3] counter name   ARGV[4] number of buckets, then 7 ARGV per bucket:
--   key index (into KEYS), field (the bucket's start, epoch s), expected current value (what the audit
--   read; a missing field is 0), new value (0 removes the field), expireAt (epoch s, set when the repair
--   creates the hash), granularity (minute, hour, day), the bucket's start as ISO-8601
--
-- Compare and set: when any bucket no longer holds what the audit read (a live change moved it since),
-- nothing is written and the call answers { 0, <that bucket's number> }; else { 1, <buckets set> }.

local outbox = ARGV[1]
local objectId = ARGV[2]
local counter = ARGV[3]
local n = tonumber(ARGV[4])

local buckets = {}
for i = 1, n do
  local at = 5 + (i - 1) * 7
  buckets[i] = { KEYS[tonumber(ARGV[at])], ARGV[at + 1], tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3]),
    ARGV[at + 4], ARGV[at + 5], ARGV[at + 6] }
end

for i, b in ipairs(buckets) do
  local current = tonumber(redis.call('HGET', b[1], b[2])) or 0
  if current ~= b[3] then
    return { 0, i }
  end
end

local t = redis.call('TIME')
local ts = string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
for _, b in ipairs(buckets) do
  local key, field, old, new = b[1], b[2], b[3], b[4]
  if new == 0 then
    redis.call('HDEL', key, field)
  else
    local existed = redis.call('EXISTS', key) == 1
    redis.call('HSET', key, field, string.format('%d', new))
    if not existed then
      redis.call('EXPIREAT', key, b[5])
    end
  end
  local payload = '{"type":"CounterBucketRepaired","version":1,"objectId":' .. cjson.encode(objectId)
    .. ',"counter":' .. cjson.encode(counter) .. ',"granularity":"' .. b[6] .. '","bucketStart":"' .. b[7]
    .. '","previous":' .. string.format('%d', old) .. ',"value":' .. string.format('%d', new) .. '}'
  redis.call('XADD', outbox, '*', 'topic', 'headcount.counter-events', 'key', objectId, 'ts', ts,
    'payload', payload)
end
return { 1, n }
