-- Visitor sessions of one shard of one site, atomic on one node, on Redis TIME (never a JVM clock).
-- Every key below carries the shard's hash tag {v<i>} (VisitorShards).
--
-- Session modes (open, heartbeat, close, count):
--   KEYS[1] sessions       visitors:{v<i>}:z:<site>   zset sessionId -> last activity (ms)
--   KEYS[2] objects        visitors:{v<i>}:so:<site>  the prefix of OBJECT_BUCKETS hashes sessionId -> objectId
--                          (sessions on an object), visitors:{v<i>}:so:<site>:<bucket>: see bucket() below
--   KEYS[3] object counts  visitors:{v<i>}:oc:<site>  zset objectId -> live sessions on it
--   KEYS[4] sites index    visitors:{v<i>}:sites      hash siteId -> timeout ms (what the sweep visits)
--   KEYS[5] outbox         visitors:{v<i>}:outbox     stream of session events (platform's OutboxRelay)
--   ARGV[1] mode, ARGV[2] siteId, ARGV[3] timeout ms
--   open:      ARGV[4] sessionId, ARGV[5] objectId or '', ARGV[6] bot '1'|'0', ARGV[7] address hash,
--              ARGV[8] the outbox's backlog limit
--              -> {1, now}; {-2} when the outbox holds its limit (nothing written); {-3} id in use
--   heartbeat: ARGV[4] sessionId, ARGV[5] objectId ('' keeps the session's object)
--              -> {1, now}; {0, now} when the session is unknown or has timed out
--   close:     ARGV[4] sessionId -> {1, now} closed now; {0, now} nothing to close
--   count:     ARGV[4] how many top objects, ARGV[5] objectId or ''
--              -> {now, live sessions, sessions on ARGV[5], top object, its count, ...}
-- Mode sweep (one shard, every site in its index), if this instance holds the shard's lease:
--   KEYS[1] sites index, KEYS[2] lease visitors:{v<i>}:lease, KEYS[3] outbox
--   ARGV[1] 'sweep', ARGV[2] key prefix visitors:{v<i>}:, ARGV[3] instance id, ARGV[4] lease ms,
--   ARGV[5] max sessions per call -> {leased 1|0, more 1|0, sessions ended}
--
-- A session is live while its last activity is at least now - timeout: counts are ZCOUNT over that
-- window, so a session past its timeout is never counted, swept or not. Whoever finds a session past
-- its timeout first (the sweep, a count, a late heartbeat or close) removes it and XADDs its one
-- VisitorSessionClosed "timed-out" in the same call; Redis runs calls one at a time, so each session
-- ends exactly once whatever the number of instances. Events go to the outbox without eventId and
-- occurredAt, which the relay adds (docs/architecture.md, "The outbox").

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local mode = ARGV[1]
local TOPIC = 'headcount.session-events'
local outbox = (mode == 'sweep') and KEYS[3] or KEYS[5]

-- iso(ms), epoch ms as ISO-8601 UTC, is platform's iso-time.lua, loaded in front of this script

local function closed(siteId, sessionId, reason, last)
  local payload = '{"type":"VisitorSessionClosed","version":1,"siteId":' .. cjson.encode(siteId)
    .. ',"sessionId":' .. cjson.encode(sessionId) .. ',"reason":"' .. reason .. '","lastActivityAt":"'
    .. iso(last) .. '"}'
  redis.call('XADD', outbox, '*', 'topic', TOPIC, 'key', sessionId, 'ts', string.format('%d', now),
    'payload', payload)
end

-- Sessions on objects are spread over OBJECT_BUCKETS small hashes per shard and site, so that each
-- stays a listpack (hash-max-listpack-entries, 128 by default: up to 32,768 sessions on objects per
-- shard and site, 524,288 per site over 16 shards) at about 40 B per session, where one big hash is a
-- hashtable at about 100 B. Java's VisitorShards.OBJECT_BUCKETS is the same number (a test checks).
local OBJECT_BUCKETS = 256

local function bucket(so, sessionId)
  local h = 0
  for i = 1, #sessionId do
    h = (h * 31 + string.byte(sessionId, i)) % 1000003
  end
  return so .. ':' .. (h % OBJECT_BUCKETS)
end

local function leave(so, oc, sessionId)
  so = bucket(so, sessionId)
  local object = redis.call('HGET', so, sessionId)
  if object then
    redis.call('HDEL', so, sessionId)
    if tonumber(redis.call('ZINCRBY', oc, -1, object)) <= 0 then
      redis.call('ZREM', oc, object)
    end
  end
  return object
end

local function finish(z, so, oc, siteId, sessionId, reason, last)
  redis.call('ZREM', z, sessionId)
  leave(so, oc, sessionId)
  closed(siteId, sessionId, reason, last)
end

-- Ends up to limit sessions of a site whose last activity is older than the timeout.
local function expire(z, so, oc, siteId, timeout, limit)
  local expired = redis.call('ZRANGEBYSCORE', z, '-inf', '(' .. string.format('%d', now - timeout),
    'WITHSCORES', 'LIMIT', 0, limit)
  for i = 1, #expired, 2 do
    finish(z, so, oc, siteId, expired[i], 'timed-out', tonumber(expired[i + 1]))
  end
  return #expired / 2
end

if mode == 'sweep' then
  local held = redis.call('GET', KEYS[2])
  if held ~= ARGV[3] then
    if not redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then
      return {0, 0, 0}
    end
  end
  local prefix = ARGV[2]
  local limit = tonumber(ARGV[5])
  local ended = 0
  local sites = redis.call('HGETALL', KEYS[1])
  for i = 1, #sites, 2 do
    if ended >= limit then
      return {1, 1, ended}
    end
    local siteId, timeout = sites[i], tonumber(sites[i + 1])
    local z = prefix .. 'z:' .. siteId
    ended = ended + expire(z, prefix .. 'so:' .. siteId, prefix .. 'oc:' .. siteId, siteId, timeout,
      limit - ended)
    if redis.call('EXISTS', z) == 0 then
      redis.call('HDEL', KEYS[1], siteId)
    end
  end
  return {1, (ended >= limit) and 1 or 0, ended}
end

local z, so, oc = KEYS[1], KEYS[2], KEYS[3]
local siteId = ARGV[2]
local timeout = tonumber(ARGV[3])

if mode == 'count' then
  expire(z, so, oc, siteId, timeout, 100)
  local out = {now, redis.call('ZCOUNT', z, string.format('%d', now - timeout), '+inf'), 0}
  if ARGV[5] ~= '' then
    out[3] = tonumber(redis.call('ZSCORE', oc, ARGV[5]) or '0')
  end
  local n = tonumber(ARGV[4])
  if n > 0 then
    local top = redis.call('ZREVRANGE', oc, 0, n - 1, 'WITHSCORES')
    for i = 1, #top, 2 do
      out[#out + 1] = top[i]
      out[#out + 1] = tonumber(top[i + 1])
    end
  end
  return out
end

local sessionId = ARGV[4]
local last = tonumber(redis.call('ZSCORE', z, sessionId))

if mode == 'open' then
  if redis.call('XLEN', outbox) >= tonumber(ARGV[8]) then
    return {-2}
  end
  if last then
    return {-3}
  end
  local object = ARGV[5]
  redis.call('ZADD', z, now, sessionId)
  if object ~= '' then
    redis.call('HSET', bucket(so, sessionId), sessionId, object)
    redis.call('ZINCRBY', oc, 1, object)
  end
  redis.call('HSET', KEYS[4], siteId, timeout)
  local payload = '{"type":"VisitorSessionOpened","version":1,"siteId":' .. cjson.encode(siteId)
    .. ',"sessionId":' .. cjson.encode(sessionId) .. ',"objectId":'
    .. ((object ~= '') and cjson.encode(object) or 'null') .. ',"bot":' .. ((ARGV[6] == '1') and 'true' or 'false')
    .. ',"addressHash":' .. cjson.encode(ARGV[7]) .. ',"timeoutMillis":' .. string.format('%d', timeout) .. '}'
  redis.call('XADD', outbox, '*', 'topic', TOPIC, 'key', sessionId, 'ts', string.format('%d', now),
    'payload', payload)
  return {1, now}
end

if not last then
  return {0, now}
end
if last < now - timeout then
  -- past its timeout but not swept yet: it ends here, as the sweep would have ended it
  finish(z, so, oc, siteId, sessionId, 'timed-out', last)
  return {0, now}
end

if mode == 'heartbeat' then
  redis.call('ZADD', z, 'XX', now, sessionId)
  local object = ARGV[5]
  if object ~= '' and redis.call('HGET', bucket(so, sessionId), sessionId) ~= object then
    leave(so, oc, sessionId)
    redis.call('HSET', bucket(so, sessionId), sessionId, object)
    redis.call('ZINCRBY', oc, 1, object)
  end
  -- the sweep's index follows the site's current timeout
  redis.call('HSET', KEYS[4], siteId, timeout)
  return {1, now}
end

if mode == 'close' then
  finish(z, so, oc, siteId, sessionId, 'client', last)
  return {1, now}
end

return redis.error_reply('unknown mode ' .. tostring(mode))
