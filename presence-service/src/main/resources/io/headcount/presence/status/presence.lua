-- The whole presence state machine of one shard, atomic, on Redis TIME (never a JVM clock).
-- Every key and shard channel below carries the shard's hash tag {p<i>}.
--
-- Mode "touch" applies a batch of device commands:
--   KEYS[1] deadlines zset   presence:{p<i>}:deadlines   member "<deviceId>|<userId>", score deadline (ms)
--   KEYS[2] online counter   presence:{p<i>}:online      users of the shard that are not offline
--   ARGV[1] "touch"
--   ARGV[2] user key prefix  presence:{p<i>}:u:
--   ARGV[3] channel prefix   presence:{p<i>}:ch:
--   ARGV[4] last-active TTL in seconds
--   KEYS[3] the shard's outbox stream presence:{p<i>}:outbox
--   ARGV[5] the outbox's backlog limit: at it the call writes nothing and answers {-2}
--   ARGV[6+4k..9+4k] command k: userId, deviceId, op, timeoutMs
--     op: hb (heartbeat; a new device counts as online) | online | away | invisible
--         | offline (the device leaves now) | linger (the device's connection dropped: it stays at
--           least timeoutMs more, the grace window, without counting as activity)
-- Mode "sweep" removes devices whose deadline passed, if this instance holds the shard's lease:
--   KEYS[1] deadlines zset, KEYS[2] online counter, KEYS[3] lease key presence:{p<i>}:lease,
--   KEYS[4] the shard's outbox stream (a sweep ignores the backlog limit: it only ends devices whose
--   time is up, at most ARGV[7] per call)
--   ARGV[1] "sweep", ARGV[2] user key prefix, ARGV[3] channel prefix, ARGV[4] TTL seconds,
--   ARGV[5] instance id, ARGV[6] lease ms, ARGV[7] max devices per call
--
-- User hash presence:{p<i>}:u:<userId>: d:<deviceId> = online|away (live devices), inv = 1 (invisible),
--   shown = effective status (online|away|invisible|offline), la = last active (ms),
--   pla = last active while visible (ms), seq = sequence of public changes.
-- Public status: invisible is shown as offline. A public change is published on the shard channel
--   presence:{p<i>}:ch:<userId> as "<seq>,<status>,<pla>".
-- Returns {flag, more, then per processed command or expired device:
--   userId, deviceId, previous, status, la, pla, seq, reason, now}
--   (flag = 1, except 0 when a sweep did not get the lease; more = 1 when a sweep hit its limit).
-- Every change of a user's effective status is XADDed as a PresenceChanged record (without eventId and
-- occurredAt, which the outbox relay adds) to the shard's outbox stream in this same call, so the
-- change and its event are written together or not at all (docs/architecture.md, "The outbox").

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local mode = ARGV[1]
local userPrefix = ARGV[2]
local channelPrefix = ARGV[3]
local ttl = tonumber(ARGV[4])

local outbox = (mode == 'touch') and KEYS[3] or KEYS[4]

-- ISO-8601 UTC of epoch ms (Redis' Lua has no os.date): days to civil date, H. Hinnant's algorithm
local function iso(ms)
  local s = math.floor(ms / 1000)
  local days = math.floor(s / 86400)
  local rem = s - days * 86400
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = (mp < 10) and (mp + 3) or (mp - 9)
  local y = yoe + era * 400
  if m <= 2 then y = y + 1 end
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', y, m, d, math.floor(rem / 3600),
    math.floor((rem % 3600) / 60), rem % 60, ms % 1000)
end

local REASONS = { hb = 'heartbeat', timeout = 'timed-out', linger = 'disconnected' }

local function event(userId, deviceId, previous, status, la)
  local json = '{"type":"PresenceChanged","version":1,"userId":' .. cjson.encode(userId) .. ',"status":'
    .. cjson.encode(status) .. ',"previousStatus":' .. cjson.encode(previous)
  local laMs = tonumber(la) or 0
  if laMs > 0 then
    json = json .. ',"lastActiveAt":"' .. iso(laMs) .. '"'
  end
  return json .. ',"deviceId":' .. cjson.encode(deviceId) .. '}'
end

local function public(status)
  if status == 'invisible' then return 'offline' end
  return status
end

local function effective(key)
  local fields = redis.call('HGETALL', key)
  local any, online, inv = false, false, false
  for i = 1, #fields, 2 do
    local f = fields[i]
    if string.sub(f, 1, 2) == 'd:' then
      any = true
      if fields[i + 1] == 'online' then online = true end
    elseif f == 'inv' then
      inv = true
    end
  end
  if not any then return 'offline' end
  if inv then return 'invisible' end
  if online then return 'online' end
  return 'away'
end

local out = {1, 0}

-- Records the new effective status of a user after one command, counts and publishes changes.
local function settle(userId, deviceId, key, previous, reason)
  local status = effective(key)
  if status ~= previous then
    redis.call('HSET', key, 'shown', status)
    if previous == 'offline' then
      redis.call('INCR', KEYS[2])
    elseif status == 'offline' then
      redis.call('DECR', KEYS[2])
    end
  end
  local seq = tonumber(redis.call('HGET', key, 'seq') or '0')
  local pla = redis.call('HGET', key, 'pla') or '0'
  if public(status) ~= public(previous) then
    seq = math.max(seq + 1, now)
    redis.call('HSET', key, 'seq', seq)
    redis.call('SPUBLISH', channelPrefix .. userId, seq .. ',' .. public(status) .. ',' .. pla)
  end
  redis.call('EXPIRE', key, ttl)
  local la = redis.call('HGET', key, 'la') or '0'
  if status ~= previous then
    local payload = string.sub(event(userId, deviceId, previous, status, la), 1, -2) .. ',"reason":'
      .. cjson.encode(REASONS[reason] or 'set') .. '}'
    redis.call('XADD', outbox, '*', 'topic', 'headcount.presence-events', 'key', userId, 'ts', string.format('%d', now),
      'payload', payload)
  end
  for _, v in ipairs({userId, deviceId, previous, status, la, pla, tostring(seq), reason, now}) do
    out[#out + 1] = v
  end
end

if mode == 'touch' then
  if redis.call('XLEN', outbox) >= tonumber(ARGV[5]) then
    return { -2 }
  end
  for i = 6, #ARGV, 4 do
    local userId, deviceId, op, timeout = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
    local key = userPrefix .. userId
    local member = deviceId .. '|' .. userId
    local previous = redis.call('HGET', key, 'shown') or 'offline'
    local field = 'd:' .. deviceId
    local active = true
    if op == 'offline' then
      redis.call('HDEL', key, field)
      redis.call('ZREM', KEYS[1], member)
    elseif op == 'linger' then
      active = false
      if redis.call('HEXISTS', key, field) == 1 then
        -- GT: never shortens a deadline that another connection of the same device refreshed
        redis.call('ZADD', KEYS[1], 'GT', now + timeout, member)
      end
    else
      if op == 'hb' then
        if redis.call('HEXISTS', key, field) == 0 then
          redis.call('HSET', key, field, 'online')
        end
      elseif op == 'invisible' then
        redis.call('HSET', key, field, 'online', 'inv', '1')
      else
        redis.call('HSET', key, field, op)
        redis.call('HDEL', key, 'inv')
      end
      redis.call('ZADD', KEYS[1], now + timeout, member)
    end
    if active then
      redis.call('HSET', key, 'la', now)
      if redis.call('HEXISTS', key, 'inv') == 0 then
        redis.call('HSET', key, 'pla', now)
      end
    end
    settle(userId, deviceId, key, previous, op)
  end
  return out
end

-- sweep
local holder = redis.call('GET', KEYS[3])
if not holder then
  redis.call('SET', KEYS[3], ARGV[5], 'PX', ARGV[6])
elseif holder ~= ARGV[5] then
  return {0, 0}
end
local limit = tonumber(ARGV[7])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)
if #expired == limit then out[2] = 1 end
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[1], member)
  local sep = string.find(member, '|', 1, true)
  local deviceId = string.sub(member, 1, sep - 1)
  local userId = string.sub(member, sep + 1)
  local key = userPrefix .. userId
  local previous = redis.call('HGET', key, 'shown') or 'offline'
  redis.call('HDEL', key, 'd:' .. deviceId)
  settle(userId, deviceId, key, previous, 'timeout')
end
return out
