package io.headcount.waitingroom.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Replays one room's events in topic order and checks what the waiting room promises:
 * each admission takes the smallest ticket still waiting (FIFO), the shop never holds
 * more than its capacity, and a freed place is taken soon. It also collects the wait of
 * each admitted shopper against the EWT given at joining.
 */
public final class RoomAudit {

	public final List<String> fifoViolations = new ArrayList<>();

	public int maxActive;

	public int admissions;

	/**
	 * Freed place (shopper left, timed out, or the shopping time's end) to next
	 * admission, ms.
	 */
	public final List<Long> refillMillis = new ArrayList<>();

	/** Per admitted shopper who waited: actual wait, expected wait, latest wait, ms. */
	public final List<long[]> waits = new ArrayList<>();

	public final Map<String, Integer> counts = new HashMap<>();

	private RoomAudit() {
	}

	public static RoomAudit of(List<JsonNode> events) {
		RoomAudit audit = new RoomAudit();
		TreeSet<Long> waiting = new TreeSet<>();
		Map<String, JsonNode> joins = new HashMap<>();
		Map<String, Instant> shoppingEnds = new HashMap<>();
		List<Instant> freedWhileWaiting = new ArrayList<>();
		int active = 0;
		for (JsonNode event : events) {
			String type = event.path("type").asString();
			audit.counts.merge(type, 1, Integer::sum);
			String user = event.path("userId").asString();
			Instant at = Instant.parse(event.path("occurredAt").asString());
			switch (type) {
				case "ShopperJoined" -> {
					joins.put(user, event);
					if (event.path("position").asLong() > 0) {
						waiting.add(event.path("ticket").asLong());
					}
					else if (!waiting.isEmpty()) {
						audit.fifoViolations.add(user + " admitted at once while " + waiting.size() + " waited");
					}
				}
				case "ShopperAdmitted" -> {
					long ticket = event.path("ticket").asLong();
					audit.admissions++;
					active++;
					audit.maxActive = Math.max(audit.maxActive, active);
					if (waiting.contains(ticket)) {
						if (waiting.first() != ticket) {
							audit.fifoViolations.add("ticket " + ticket + " admitted before " + waiting.first());
						}
						waiting.remove(ticket);
						JsonNode join = joins.get(user);
						if (join != null && !join.path("expectedAdmissionAt").isNull()) {
							Instant joined = Instant.parse(join.path("occurredAt").asString());
							audit.waits.add(new long[] { Duration.between(joined, at).toMillis(),
									Duration.between(joined, Instant.parse(join.path("expectedAdmissionAt").asString()))
										.toMillis(),
									Duration
										.between(joined, Instant.parse(join.path("admissionNoLaterThan").asString()))
										.toMillis() });
						}
						if (!freedWhileWaiting.isEmpty()) {
							audit.refillMillis.add(Duration.between(freedWhileWaiting.removeFirst(), at).toMillis());
						}
					}
					shoppingEnds.put(user, Instant.parse(event.path("shoppingEndsAt").asString()));
				}
				case "ShopperLeft", "ShopperEvicted" -> {
					if (event.path("wasActive").asBoolean()) {
						active--;
						Instant freedAt = "expired".equals(event.path("reason").asString())
								? shoppingEnds.getOrDefault(user, at) : at;
						if (!waiting.isEmpty()) {
							freedWhileWaiting.add(freedAt);
						}
					}
					else if (!event.path("ticket").isNull()) {
						waiting.remove(event.path("ticket").asLong());
					}
				}
				default -> {
				}
			}
		}
		return audit;
	}

	/** The p-th percentile (0-100) of the values. */
	public static long percentile(List<Long> values, double p) {
		List<Long> sorted = values.stream().sorted().toList();
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
