package io.headcount.counter.counters;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs from {@link ThreadLocalRandom}: unique enough for event and
 * batch ids, and without {@link UUID#randomUUID()}'s shared SecureRandom, which showed up
 * contended in profiles.
 */
public final class FastIds {

	private FastIds() {
	}

	public static String uuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

}
