-- Extends a lease only if the caller still holds it (a plain PEXPIRE could extend someone else's).
-- KEYS[1] the lease key
-- ARGV[1] the holder's id, ARGV[2] the new time to live in milliseconds
-- Returns 1 if renewed, 0 if the caller does not hold the lease.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
