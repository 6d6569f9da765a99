-- Applies a batch of counter changes to ONE object, atomically, exactly once.
--
-- KEYS[1] counts hash     c:{o:<id>}          fields: likes, views, c:<name>, t:<field> (updated ms), v (version)
-- KEYS[2] likers set      c:{o:<id>}:likers
-- KEYS[3] viewers HLL     c:{o:<id>}:viewers
-- KEYS[4] batch marker    c:{o:<id>}:batch:<batchId>   (holds this batch's result for replays)
-- Keys derived from KEYS[1] (same hash tag, so same slot):
--   <KEYS[1]>:idem:<field>:<actor>:<key>          first response of an Idempotency-Key, ARGV[2] s TTL
--   <KEYS[1]>:ts:<field>:m:<hourStart>  field <minuteStart>   (minute buckets, one hash per hour)
--   <KEYS[1]>:ts:<field>:h:<dayStart>   field <hourStart>     (hour buckets, one hash per day)
-- <KEYS[1]>:ts:<field>:d:<blockStart> field <dayStart>      (day buckets, one hash per 32 days)
--
-- ARGV[1] batch marker TTL s   ARGV[2] idempotency TTL s
-- ARGV[3..5] retention s of minute / hour / day buckets (kept this long after the bucket's hash closes)
-- ARGV[6] number of ops, then 6 ARGV per op: kind, field, delta, actor, idempotencyKey ('' = none), timeMs
--   kind L = like (actor joins likers), U = unlike, V = view (actor counted in the HLL), C = add delta (signed)
--
-- Returns 5 integers per op: status, count, updatedAtMs, liked (1/0, -1 if not a like), version
--   status 1 applied, 0 no change (already liked / not liked), 2 idempotent replay, 3 rejected (below zero)
--
-- Why a batch marker: Lettuce re-sends in-flight commands after a reconnect; the same batch id then
-- returns the stored result instead of applying twice.

local marker = redis.call('GET', KEYS[4])
if marker then
  return cjson.decode(marker)
end

local counts = KEYS[1]
local markerTtl = tonumber(ARGV[1])
local idemTtl = tonumber(ARGV[2])
local retMinute = tonumber(ARGV[3])
local retHour = tonumber(ARGV[4])
local retDay = tonumber(ARGV[5])
local n = tonumber(ARGV[6])

local function fmt(x)
  return string.format('%d', x)
end

local function bucket(field, delta, timeMs)
  local sec = math.floor(timeMs / 1000)
  local minute = sec - (sec % 60)
  local hour = sec - (sec % 3600)
  local day = sec - (sec % 86400)
  local block = day - (day % (32 * 86400))
  local base = counts .. ':ts:' .. field
  local mk = base .. ':m:' .. fmt(hour)
  redis.call('HINCRBY', mk, fmt(minute), delta)
  redis.call('EXPIREAT', mk, fmt(hour + 3600 + retMinute))
  local hk = base .. ':h:' .. fmt(day)
  redis.call('HINCRBY', hk, fmt(hour), delta)
  redis.call('EXPIREAT', hk, fmt(day + 86400 + retHour))
  local dk = base .. ':d:' .. fmt(block)
  redis.call('HINCRBY', dk, fmt(day), delta)
  redis.call('EXPIREAT', dk, fmt(block + 32 * 86400 + retDay))
end

local function current(field)
  local values = redis.call('HMGET', counts, field, 't:' .. field, 'v')
  return tonumber(values[1]) or 0, tonumber(values[2]) or 0, tonumber(values[3]) or 0
end

-- bucket deltas of this batch, summed per field and minute, written once at the end
local pendingBuckets = {}
local pendingOrder = {}

local function change(field, delta, timeMs)
  local count = redis.call('HINCRBY', counts, field, delta)
  redis.call('HSET', counts, 't:' .. field, fmt(timeMs))
  local version = redis.call('HINCRBY', counts, 'v', 1)
  local minuteMs = timeMs - (timeMs % 60000)
  local id = field .. '|' .. fmt(minuteMs)
  local p = pendingBuckets[id]
  if p then
    p[3] = p[3] + delta
  else
    pendingBuckets[id] = { field, minuteMs, delta }
    pendingOrder[#pendingOrder + 1] = id
  end
  return count, version
end

local out = {}
for i = 0, n - 1 do
  local at = 7 + i * 6
  local kind = ARGV[at]
  local field = ARGV[at + 1]
  local delta = tonumber(ARGV[at + 2])
  local actor = ARGV[at + 3]
  local idem = ARGV[at + 4]
  local timeMs = tonumber(ARGV[at + 5])
  local status, count, updated, liked, version

  if kind == 'L' or kind == 'U' then
    local moved
    if kind == 'L' then
      moved = redis.call('SADD', KEYS[2], actor)
      liked = 1
    else
      moved = redis.call('SREM', KEYS[2], actor)
      liked = 0
    end
    if moved == 1 then
      count, version = change(field, (kind == 'L') and 1 or -1, timeMs)
      status, updated = 1, timeMs
    else
      count, updated, version = current(field)
      status = 0
    end
  else
    liked = -1
    local idemKey = nil
    local stored = nil
    if idem ~= '' then
      idemKey = counts .. ':idem:' .. field .. ':' .. actor .. ':' .. idem
      stored = redis.call('GET', idemKey)
    end
    if stored then
      local sep1 = string.find(stored, ':', 1, true)
      local sep2 = string.find(stored, ':', sep1 + 1, true)
      status = 2
      count = tonumber(string.sub(stored, 1, sep1 - 1))
      updated = tonumber(string.sub(stored, sep1 + 1, sep2 - 1))
      version = tonumber(string.sub(stored, sep2 + 1))
    else
      -- only a decrement can go below zero: views and increments skip the read
      if delta < 0 and current(field) + delta < 0 then
        count, updated, version = current(field)
        status = 3
      else
        count, version = change(field, delta, timeMs)
        if kind == 'V' and actor ~= '' then
          redis.call('PFADD', KEYS[3], actor)
        end
        status, updated = 1, timeMs
        if idemKey then
          redis.call('SET', idemKey, fmt(count) .. ':' .. fmt(updated) .. ':' .. fmt(version), 'EX', idemTtl)
        end
      end
    end
  end
  out[#out + 1] = status
  out[#out + 1] = count
  out[#out + 1] = updated
  out[#out + 1] = liked
  out[#out + 1] = version
end

for _, id in ipairs(pendingOrder) do
  local p = pendingBuckets[id]
  if p[3] ~= 0 then
    bucket(p[1], p[3], p[2])
  end
end

redis.call('SET', KEYS[4], cjson.encode(out), 'EX', markerTtl)
return out
