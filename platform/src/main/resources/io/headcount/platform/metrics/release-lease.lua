-- Gives a lease up on shutdown so that another instance takes over at once, not after the TTL.
-- KEYS[1] the lease key
-- ARGV[1] the holder's id
-- Returns 1 if released, 0 if the caller did not hold it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
