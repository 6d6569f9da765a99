package io.headcount.presence.status;

import java.util.LinkedHashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rules for user ids a client names, the same for REST queries and WebSocket
 * subscriptions.
 */
public final class UserIds {

	/**
	 * Longest user id accepted: it is a JWT subject, part of Redis keys and of channel
	 * names.
	 */
	public static final int MAX_LENGTH = 256;

	private UserIds() {
	}

	/**
	 * The distinct ids, in the order given.
	 * @param max most distinct ids allowed
	 * @throws InvalidUserIds for no ids, a blank or over-long id
	 * @throws TooManyUserIds for more than {@code max} distinct ids
	 */
	public static List<String> distinct(@Nullable List<@Nullable String> ids, int max) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidUserIds("userIds must list 1 to " + max + " user ids");
		}
		LinkedHashSet<String> distinct = new LinkedHashSet<>();
		for (String id : ids) {
			if (id == null || id.isBlank() || id.length() > MAX_LENGTH) {
				throw new InvalidUserIds("each user id must be a string of 1 to " + MAX_LENGTH + " characters");
			}
			distinct.add(id);
		}
		if (distinct.size() > max) {
			throw new TooManyUserIds(max, distinct.size());
		}
		return List.copyOf(distinct);
	}

}
