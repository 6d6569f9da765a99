package io.headcount.statsbatch.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The draw as room.lua makes it, recomputed: tickets are the first 8 hex digits of
 * SHA-1(seed:user) (values from Python's hashlib), and a wrong ticket or an admission out
 * of the drawn order is counted.
 */
class DrawCheckTests {

	@Test
	void ticketIsTheFirst32BitsOfSha1OfSeedAndUserUnsigned() {
		assertThat(DrawCheck.ticket("seed-of-draw-1", "d0")).isEqualTo(2_759_662_283L);
		assertThat(DrawCheck.ticket("abc", "alice")).isEqualTo(3_691_655_507L);
	}

	@Test
	void aWrongTicketAndAnAdmissionOutOfTheDrawnOrderAreCounted() {
		String seed = "s";
		List<String> users = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f"));
		users.sort(Comparator.comparing((String user) -> DrawCheck.ticket(seed, user)));
		List<DrawCheck.Joiner> asDrawn = new ArrayList<>();
		for (int i = 0; i < users.size(); i++) {
			asDrawn.add(new DrawCheck.Joiner(users.get(i), DrawCheck.ticket(seed, users.get(i)), 1_000L + i));
		}
		assertThat(DrawCheck.check(seed, 6, asDrawn)).isEqualTo(new DrawCheck(6, 6, 6, 0, 0));

		List<DrawCheck.Joiner> wrong = new ArrayList<>(asDrawn);
		DrawCheck.Joiner second = wrong.get(1);
		DrawCheck.Joiner third = wrong.get(2);
		wrong.set(1, new DrawCheck.Joiner(second.userId(), second.ticket(), third.admittedMs()));
		wrong.set(2, new DrawCheck.Joiner(third.userId(), third.ticket(), second.admittedMs()));
		DrawCheck.Joiner last = wrong.get(5);
		wrong.set(5, new DrawCheck.Joiner(last.userId(), last.ticket() + 1, null));
		assertThat(DrawCheck.check(seed, 6, wrong)).isEqualTo(new DrawCheck(6, 6, 5, 1, 1));
	}

}
