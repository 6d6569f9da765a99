package io.headcount.statsbatch.presence;

import java.util.List;

/**
 * A day's presence: who was online and how statuses changed.
 *
 * @param onlinePerMinute users online at any time in each of the day's 1,440 minutes
 * @param peakOnline the most in one minute, first at {@code peakMinute} ({@code HH:mm})
 * @param changes {@code PresenceChanged} events of the day
 * @param users users with a change that day, {@code usersOnline} of them online at some
 * point
 * @param transitions changes by previous and new status
 */
public record PresenceDay(long[] onlinePerMinute, long peakOnline, String peakMinute, long changes, long users,
		long usersOnline, List<Transition> transitions) {

	public record Transition(String from, String to, long changes) {
	}

}
