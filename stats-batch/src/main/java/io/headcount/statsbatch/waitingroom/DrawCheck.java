package io.headcount.statsbatch.waitingroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A room's opening draw recomputed from its published seed, as waiting-room-service's
 * {@code room.lua} draws it: the ticket of who joins before the opening is the first 32
 * bits of SHA-1({@code drawSeed:userId}) (its first 8 hex digits), unsigned; the queue
 * orders by ticket, ties by user id.
 *
 * @param drawnAtOpening {@code drawn} of the {@code RoomOpened} event (people waiting in
 * the drawn order then)
 * @param joinedBefore who joined before the opening
 * @param ticketMismatches joins whose recorded ticket is not the recomputed one (must be
 * 0)
 * @param orderViolations of those admitted, admissions after someone later in the drawn
 * order (must be 0)
 */
public record DrawCheck(long drawnAtOpening, long joinedBefore, long admitted, long ticketMismatches,
		long orderViolations) {

	/** One shopper who joined before the opening. */
	public record Joiner(String userId, @Nullable Long ticket, @Nullable Long admittedMs) {

	}

	/** The draw's ticket of a user, as room.lua computes it. */
	public static long ticket(String seed, String userId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-1")
				.digest((seed + ":" + userId).getBytes(StandardCharsets.UTF_8));
			return ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Recomputes the draw of {@code seed} and checks the joiners' tickets and admissions.
	 */
	public static DrawCheck check(String seed, long drawnAtOpening, List<Joiner> joiners) {
		long mismatches = 0;
		List<Joiner> order = new ArrayList<>(joiners);
		Map<String, Long> tickets = new HashMap<>();
		for (Joiner joiner : joiners) {
			long ticket = ticket(seed, joiner.userId());
			tickets.put(joiner.userId(), ticket);
			if (joiner.ticket() == null || joiner.ticket() != ticket) {
				mismatches++;
			}
		}
		order.sort(Comparator.comparing((Joiner joiner) -> tickets.get(joiner.userId())).thenComparing(Joiner::userId));
		Map<String, Integer> rank = new HashMap<>();
		for (int i = 0; i < order.size(); i++) {
			rank.put(order.get(i).userId(), i);
		}
		// admissions in time order (one script call admits several at the same
		// millisecond: those
		// in the drawn order)
		List<Joiner> admitted = joiners.stream()
			.filter((joiner) -> joiner.admittedMs() != null)
			.sorted(Comparator.comparing(Joiner::admittedMs).thenComparing((joiner) -> rank.get(joiner.userId())))
			.toList();
		long violations = 0;
		int highest = -1;
		for (Joiner joiner : admitted) {
			int r = rank.get(joiner.userId());
			if (r < highest) {
				violations++;
			}
			highest = Math.max(highest, r);
		}
		return new DrawCheck(drawnAtOpening, joiners.size(), admitted.size(), mismatches, violations);
	}

}
