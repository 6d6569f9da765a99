#!lua flags=allow-cross-slot-keys
-- Applies the counter changes of one or more objects that live on THIS node, atomically, exactly once.
-- One call per master node and round: the script call's own cost (dispatch, the MULTI/EXEC that carries
-- its effects to the replica and the AOF, the replay marker) is paid once for every change of the round
-- on that node instead of once per object.
--
-- Keys of one object share the hash tag {o:<id>} (one slot); different objects are in different slots,
-- which the flag allow-cross-slot-keys permits as long as they are all on this node. KEYS[1] is the
-- batch marker, in the slot of the first object, so the client routes the call by it.
--
-- KEYS[1] batch marker  c:{o:<first id>}:batch:<batchId>   (holds this call's result for replays)
-- Keys derived from each object's counts key <counts> = c:{o:<id>}:
--   <counts>                                      hash: likes, views, c:<name>, t:<field> (updated ms), v (version)
--   <counts>:likers                               set of users who like the object
--   <counts>:viewers                              HyperLogLog of viewers
--   <counts>:idem:<field>:<actor>:<key>           first response of an Idempotency-Key, ARGV[2] s TTL
--   <counts>:ts:<field>:m:<hourStart>  field <minuteStart>   (minute buckets, one hash per hour)
--   <counts>:ts:<field>:h:<dayStart>   field <hourStart>     (hour buckets, one hash per day)
--   <counts>:ts:<field>:d:<blockStart> field <dayStart>      (day buckets, one hash per 32 days)
--   a statistics event type's field is e:<type>; its buckets hold, beside the count in <start>,
--   <start>:s (sum), <start>:lo (minimum) and <start>:hi (maximum), all in millionths of the value
--
-- ARGV[1] batch marker TTL s   ARGV[2] idempotency TTL s
-- ARGV[3..5] retention s of minute / hour / day buckets (kept this long after the bucket's hash closes)
-- ARGV[6] the outbox's backlog limit: at it the call writes nothing and answers -2 (503 at the edge)
-- ARGV[7] the outbox stream of this node (platform OutboxStreams.streamFor the marker's slot; an
--   argument, not a key, since declared keys must share a slot): one CounterChanged record per applied
--   change is XADDed to it in this call, so a change and its event are written together or not at all
--   (docs/architecture.md, "The outbox")
-- ARGV[8] number of objects, then per object: its counts key, its number of changes, and 6 ARGV per
--   change: kind, field, delta, actor, idempotencyKey ('' = none), timeMs
--   kind L = like (actor joins likers), U = unlike, V = view (actor counted in the HLL), C = add delta (signed),
--   S = a statistics event: delta is its value in millionths (an integer, |delta| <= 1e15), timeMs its own
--   time; it is counted, summed and compared into its buckets and moves no counter, no version, no HLL
--
-- Returns 5 integers per change, objects in the order given: status, count, updatedAtMs, liked (1/0,
-- -1 if not a like), version
--   status 1 applied, 0 no change (already liked / not liked), 2 idempotent replay, 3 rejected (below zero)
--   (a statistics event answers 1 or 2, count 0, its time, -1, version 0)
-- or the single integer -2 when the outbox holds its backlog limit (nothing written),
-- or the single integer -1 when a key is not served by this node (its slot moved or is moving): then
-- NOTHING was written, and the client sends the objects again one by one, routed by their own slots.
--
-- Two phases make that promise: phase 1 reads or touches every key phase 2 will write, through
-- redis.pcall, so a key another node serves fails there, before any write; phase 2 then only writes.
-- The touch is ONE multi-key EXISTS over all of an object's keys (counts, likers, viewers, buckets,
-- Idempotency-Keys), because of how Redis serves a slot being migrated: the source node redirects
-- any command on a key it no longer has, and the importing node (reached through ASK) answers a
-- single-key read of a key that has not arrived yet as if it did not exist; only a multi-key command
-- with any key missing fails there (TRYAGAIN). So while an object's slot moves, its changes are refused
-- (503) rather than computed from half of its keys.
--
-- Why a batch marker: Lettuce re-sends in-flight commands after a reconnect; the same batch id then
-- returns the stored result instead of applying twice.

local marker = redis.call('GET', KEYS[1])
if marker then
  return cjson.decode(marker)
end

local markerTtl = tonumber(ARGV[1])
local idemTtl = tonumber(ARGV[2])
local retMinute = tonumber(ARGV[3])
local retHour = tonumber(ARGV[4])
local retDay = tonumber(ARGV[5])
local maxBacklog = tonumber(ARGV[6])
local outbox = ARGV[7]
local nObjects = tonumber(ARGV[8])

local NOT_LOCAL = { -1 }

local function fmt(x)
  return string.format('%d', x)
end

local function failed(reply)
  return type(reply) == 'table' and reply.err ~= nil
end

-- the three bucket hashes of a change at timeMs, and the fields in them
local function bucketKeys(counts, field, minuteMs)
  local sec = minuteMs / 1000
  local hour = sec - (sec % 3600)
  local day = sec - (sec % 86400)
  local block = day - (day % (32 * 86400))
  local base = counts .. ':ts:' .. field
  return base .. ':m:' .. fmt(hour), base .. ':h:' .. fmt(day), base .. ':d:' .. fmt(block), sec, hour, day, block
end

-- the buckets of one minute at the three granularities: key, start, expiry
local function bucketsOf(counts, field, minuteMs)
  local mk, hk, dk, minute, hour, day, block = bucketKeys(counts, field, minuteMs)
  return { { mk, minute, hour + 3600 + retMinute }, { hk, hour, day + 86400 + retHour },
    { dk, day, block + 32 * 86400 + retDay } }
end

-- Lua numbers are doubles: a running sum of integers stays exact below 2^53; past 2^52 it is handed to
-- HINCRBYFLOAT (Redis long double, exact integers to 2^64) and started again
local EXACT = 4503599627370496

-- an event's time as ISO-8601 (UTC, milliseconds): days to a civil date by H. Hinnant's algorithm
local function iso(ms)
  local days = math.floor(ms / 86400000)
  local rest = ms - days * 86400000
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = (mp < 10) and (mp + 3) or (mp - 9)
  local y = yoe + era * 400 + ((m <= 2) and 1 or 0)
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', y, m, d, math.floor(rest / 3600000),
    math.floor(rest / 60000) % 60, math.floor(rest / 1000) % 60, rest % 1000)
end

-- millionths as a JSON decimal (12500000 -> 12.5)
local function decimal(micros)
  local sign = (micros < 0) and '-' or ''
  local a = math.abs(micros)
  local int = math.floor(a / 1000000)
  local frac = a - int * 1000000
  if frac == 0 then
    return sign .. fmt(int)
  end
  local f = string.gsub(string.format('%06d', frac), '0+$', '')
  return sign .. fmt(int) .. '.' .. f
end

-- parse
local objects = {}
local at = 9
for o = 1, nObjects do
  local counts = ARGV[at]
  local n = tonumber(ARGV[at + 1])
  at = at + 2
  local ops = {}
  for i = 1, n do
    ops[i] = { ARGV[at], ARGV[at + 1], tonumber(ARGV[at + 2]), ARGV[at + 3], ARGV[at + 4], tonumber(ARGV[at + 5]) }
    at = at + 6
  end
  objects[o] = { counts = counts, ops = ops }
end

-- phase 1: read what the changes depend on, touch what they will write; no writes
local backlog = redis.pcall('XLEN', outbox)
if failed(backlog) then
  return NOT_LOCAL
end
if backlog >= maxBacklog then
  return { -2 }
end
for _, obj in ipairs(objects) do
  local counts = obj.counts
  local fieldSeen, fields = {}, {}
  local actorSeen, actors = {}, {}
  local idemSeen, idemKeys = {}, {}
  local touchSeen, touch = {}, { counts, counts .. ':likers', counts .. ':viewers' }
  local statSeen, stats = {}, {}
  obj.stats = stats
  for _, op in ipairs(obj.ops) do
    local kind, field, actor, idem = op[1], op[2], op[4], op[5]
    if kind ~= 'S' and not fieldSeen[field] then
      fieldSeen[field] = true
      fields[#fields + 1] = field
    end
    if kind == 'L' or kind == 'U' then
      if not actorSeen[actor] then
        actorSeen[actor] = true
        actors[#actors + 1] = actor
      end
    elseif idem ~= '' then
      local key = counts .. ':idem:' .. field .. ':' .. actor .. ':' .. idem
      op[7] = key
      if not idemSeen[key] then
        idemSeen[key] = true
        idemKeys[#idemKeys + 1] = key
        touch[#touch + 1] = key
      end
    end
    local minuteMs = op[6] - (op[6] % 60000)
    local id = field .. '|' .. fmt(minuteMs)
    if not touchSeen[id] then
      touchSeen[id] = true
      local mk, hk, dk = bucketKeys(counts, field, minuteMs)
      touch[#touch + 1] = mk
      touch[#touch + 1] = hk
      touch[#touch + 1] = dk
    end
    if kind == 'S' then
      op[8] = {}
      for i, b in ipairs(bucketsOf(counts, field, minuteMs)) do
        local sid = b[1] .. '|' .. fmt(b[2])
        local sb = statSeen[sid]
        if not sb then
          sb = { key = b[1], start = fmt(b[2]), expireAt = b[3], n = 0, s = 0, flush = {} }
          statSeen[sid] = sb
          stats[#stats + 1] = sb
        end
        op[8][i] = sb
      end
    end
  end

  local hmget = { 'v' }
  for _, field in ipairs(fields) do
    hmget[#hmget + 1] = field
    hmget[#hmget + 1] = 't:' .. field
  end
  local values = redis.pcall('HMGET', counts, unpack(hmget))
  if failed(values) then
    return NOT_LOCAL
  end
  obj.version = tonumber(values[1]) or 0
  obj.count, obj.time = {}, {}
  for i, field in ipairs(fields) do
    obj.count[field] = tonumber(values[2 * i]) or 0
    obj.time[field] = tonumber(values[2 * i + 1]) or 0
  end

  obj.member, obj.wasMember = {}, {}
  if #actors > 0 then
    local members = redis.pcall('SMISMEMBER', counts .. ':likers', unpack(actors))
    if failed(members) then
      return NOT_LOCAL
    end
    for i, actor in ipairs(actors) do
      obj.member[actor] = members[i] == 1
      obj.wasMember[actor] = members[i] == 1
    end
    obj.actors = actors
  end

  -- one MGET for all of them (they share the object's slot): a batch of 1,000 keyed events would
  -- otherwise pay 1,000 calls
  obj.stored = {}
  if #idemKeys > 0 then
    local stored = redis.pcall('MGET', unpack(idemKeys))
    if failed(stored) then
      return NOT_LOCAL
    end
    for i, key in ipairs(idemKeys) do
      obj.stored[key] = stored[i]
    end
  end

  -- a statistics bucket's minimum and maximum so far, to compare this call's values with
  for _, sb in ipairs(stats) do
    local lohi = redis.pcall('HMGET', sb.key, sb.start .. ':lo', sb.start .. ':hi')
    if failed(lohi) then
      return NOT_LOCAL
    end
    sb.lo, sb.hi = tonumber(lohi[1]), tonumber(lohi[2])
  end

  if failed(redis.pcall('EXISTS', unpack(touch))) then
    return NOT_LOCAL
  end
end

-- phase 2: apply in memory in order, then write each object's state once
local out = {}
local events = {}

-- the CounterChanged payload without eventId and occurredAt, which the relay adds; numbers by fmt, since
-- cjson writes large integers in floating-point notation
local function event(objectId, field, delta, value, actor, idem)
  local counter = field
  if string.sub(field, 1, 2) == 'c:' then
    counter = string.sub(field, 3)
  end
  local json = '{"type":"CounterChanged","version":1,"objectId":' .. cjson.encode(objectId) .. ',"counter":'
    .. cjson.encode(counter) .. ',"delta":' .. fmt(delta) .. ',"value":' .. fmt(value)
  if actor ~= '' then
    json = json .. ',"actorId":' .. cjson.encode(actor)
  end
  if idem ~= '' then
    json = json .. ',"idempotencyKey":' .. cjson.encode(idem)
  end
  events[#events + 1] = { objectId, json .. '}' }
end

-- the EventRecorded payload of a statistics event; the parts a batch's events share (object, type,
-- time, sender) are encoded once per call
local encoded, isoTimes = {}, {}
local function enc(text)
  local e = encoded[text]
  if not e then
    e = cjson.encode(text)
    encoded[text] = e
  end
  return e
end
local function statEvent(objectId, field, micros, timeMs, actor, idem)
  local at = isoTimes[timeMs]
  if not at then
    at = iso(timeMs)
    isoTimes[timeMs] = at
  end
  local json = '{"type":"EventRecorded","version":1,"objectId":' .. enc(objectId) .. ',"eventType":'
    .. enc(string.sub(field, 3)) .. ',"value":' .. decimal(micros) .. ',"at":"' .. at .. '"'
  if actor ~= '' then
    json = json .. ',"actorId":' .. enc(actor)
  end
  if idem ~= '' then
    json = json .. ',"idempotencyKey":' .. cjson.encode(idem)
  end
  events[#events + 1] = { objectId, json .. '}' }
end

for _, obj in ipairs(objects) do
  local counts = obj.counts
  local objectId = string.sub(counts, 6, -2)
  local dirty, dirtyOrder = {}, {}
  local pending, pendingOrder = {}, {}
  local viewers = {}
  local idemWrites = {}

  local function apply(field, delta, timeMs)
    obj.count[field] = obj.count[field] + delta
    obj.time[field] = timeMs
    obj.version = obj.version + 1
    if not dirty[field] then
      dirty[field] = true
      dirtyOrder[#dirtyOrder + 1] = field
    end
    local minuteMs = timeMs - (timeMs % 60000)
    local id = field .. '|' .. fmt(minuteMs)
    local p = pending[id]
    if p then
      p[3] = p[3] + delta
    else
      pending[id] = { field, minuteMs, delta }
      pendingOrder[#pendingOrder + 1] = id
    end
  end

  for _, op in ipairs(obj.ops) do
    local kind, field, delta, actor, timeMs, idemKey = op[1], op[2], op[3], op[4], op[6], op[7]
    local status, liked
    if kind == 'L' or kind == 'U' then
      local likes = (kind == 'L')
      liked = likes and 1 or 0
      if obj.member[actor] ~= likes then
        obj.member[actor] = likes
        apply(field, likes and 1 or -1, timeMs)
        event(objectId, field, likes and 1 or -1, obj.count[field], actor, op[5])
        status = 1
      else
        status = 0
      end
      out[#out + 1] = status
      out[#out + 1] = obj.count[field]
      out[#out + 1] = obj.time[field]
      out[#out + 1] = liked
      out[#out + 1] = obj.version
    else
      local stored = idemKey and obj.stored[idemKey]
      if stored then
        local sep1 = string.find(stored, ':', 1, true)
        local sep2 = string.find(stored, ':', sep1 + 1, true)
        out[#out + 1] = 2
        out[#out + 1] = tonumber(string.sub(stored, 1, sep1 - 1))
        out[#out + 1] = tonumber(string.sub(stored, sep1 + 1, sep2 - 1))
        out[#out + 1] = -1
        out[#out + 1] = tonumber(string.sub(stored, sep2 + 1))
      elseif kind == 'S' then
        for _, sb in ipairs(op[8]) do
          sb.n = sb.n + 1
          if math.abs(sb.s + delta) >= EXACT then
            sb.flush[#sb.flush + 1] = sb.s
            sb.s = delta
          else
            sb.s = sb.s + delta
          end
          if sb.lo == nil or delta < sb.lo then
            sb.lo, sb.loMoved = delta, true
          end
          if sb.hi == nil or delta > sb.hi then
            sb.hi, sb.hiMoved = delta, true
          end
        end
        statEvent(objectId, field, delta, timeMs, actor, op[5])
        if idemKey then
          obj.stored[idemKey] = '0:' .. fmt(timeMs) .. ':0'
          idemWrites[#idemWrites + 1] = idemKey
        end
        out[#out + 1] = 1
        out[#out + 1] = 0
        out[#out + 1] = timeMs
        out[#out + 1] = -1
        out[#out + 1] = 0
      elseif delta < 0 and obj.count[field] + delta < 0 then
        -- only a decrement can go below zero: the documented rule rejects it and changes nothing
        out[#out + 1] = 3
        out[#out + 1] = obj.count[field]
        out[#out + 1] = obj.time[field]
        out[#out + 1] = -1
        out[#out + 1] = obj.version
      else
        apply(field, delta, timeMs)
        event(objectId, field, delta, obj.count[field], actor, op[5])
        if kind == 'V' and actor ~= '' then
          viewers[#viewers + 1] = actor
        end
        if idemKey then
          local response = fmt(obj.count[field]) .. ':' .. fmt(timeMs) .. ':' .. fmt(obj.version)
          obj.stored[idemKey] = response
          idemWrites[#idemWrites + 1] = idemKey
        end
        out[#out + 1] = 1
        out[#out + 1] = obj.count[field]
        out[#out + 1] = timeMs
        out[#out + 1] = -1
        out[#out + 1] = obj.version
      end
    end
  end

  if #dirtyOrder > 0 then
    local hset = { 'v', fmt(obj.version) }
    for _, field in ipairs(dirtyOrder) do
      hset[#hset + 1] = field
      hset[#hset + 1] = fmt(obj.count[field])
      hset[#hset + 1] = 't:' .. field
      hset[#hset + 1] = fmt(obj.time[field])
    end
    redis.call('HSET', counts, unpack(hset))
  end
  if obj.actors then
    local joined, left = {}, {}
    for _, actor in ipairs(obj.actors) do
      if obj.member[actor] ~= obj.wasMember[actor] then
        if obj.member[actor] then
          joined[#joined + 1] = actor
        else
          left[#left + 1] = actor
        end
      end
    end
    if #joined > 0 then
      redis.call('SADD', counts .. ':likers', unpack(joined))
    end
    if #left > 0 then
      redis.call('SREM', counts .. ':likers', unpack(left))
    end
  end
  if #viewers > 0 then
    redis.call('PFADD', counts .. ':viewers', unpack(viewers))
  end
  for _, key in ipairs(idemWrites) do
    redis.call('SET', key, obj.stored[key], 'EX', idemTtl)
  end
  -- bucket deltas summed per field and minute; a hash gets its expiry when the increment created the
  -- field (the result equals the delta), which includes the increment that created the hash
  for _, id in ipairs(pendingOrder) do
    local p = pending[id]
    local delta = p[3]
    if delta ~= 0 then
      local mk, hk, dk, minute, hour, day, block = bucketKeys(counts, p[1], p[2])
      if redis.call('HINCRBY', mk, fmt(minute), delta) == delta then
        redis.call('EXPIREAT', mk, fmt(hour + 3600 + retMinute))
      end
      if redis.call('HINCRBY', hk, fmt(hour), delta) == delta then
        redis.call('EXPIREAT', hk, fmt(day + 86400 + retHour))
      end
      if redis.call('HINCRBY', dk, fmt(day), delta) == delta then
        redis.call('EXPIREAT', dk, fmt(block + 32 * 86400 + retDay))
      end
    end
  end
  -- statistics buckets: the count creates the field, so its first increment sets the expiry, as above
  for _, sb in ipairs(obj.stats) do
    if sb.n > 0 then
      if redis.call('HINCRBY', sb.key, sb.start, sb.n) == sb.n then
        redis.call('EXPIREAT', sb.key, fmt(sb.expireAt))
      end
      for _, part in ipairs(sb.flush) do
        redis.call('HINCRBYFLOAT', sb.key, sb.start .. ':s', fmt(part))
      end
      if sb.s ~= 0 then
        redis.call('HINCRBYFLOAT', sb.key, sb.start .. ':s', fmt(sb.s))
      end
      if sb.loMoved then
        redis.call('HSET', sb.key, sb.start .. ':lo', fmt(sb.lo))
      end
      if sb.hiMoved then
        redis.call('HSET', sb.key, sb.start .. ':hi', fmt(sb.hi))
      end
    end
  end
end

if #events > 0 then
  local t = redis.call('TIME')
  local ts = fmt(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
  for _, e in ipairs(events) do
    redis.call('XADD', outbox, '*', 'topic', 'headcount.counter-events', 'key', e[1], 'ts', ts, 'payload', e[2])
  end
end
redis.call('SET', KEYS[1], cjson.encode(out), 'EX', markerTtl)
return out
