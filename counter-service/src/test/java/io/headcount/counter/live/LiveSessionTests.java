package io.headcount.counter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.headcount.counter.counters.ObjectCounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

class LiveSessionTests {

	@Test
	void aSlowConsumerHoldsOnlyTheLatestValuePerObject() {
		List<Runnable> parked = new ArrayList<>();
		List<String> sent = new ArrayList<>();
		LiveSession session = new LiveSession(socket(sent), parked::add, JsonMapper.builder().build());
		session.objects.add("p1");
		session.objects.add("p2");
		for (int i = 1; i <= 10_000; i++) {
			session.offer(new ObjectCounts("p1", Map.of("likes", (long) i), Map.of(), i));
			session.offer(new ObjectCounts("p2", Map.of("likes", (long) -i), Map.of(), i));
		}
		assertThat(session.pendingCount()).isEqualTo(2);
		assertThat(parked).hasSize(1); // one sender, still busy

		parked.getFirst().run();
		assertThat(sent).hasSize(2);
		assertThat(sent).anySatisfy((s) -> assertThat(s).contains("\"objectId\":\"p1\"", "\"likes\":10000", "\"seq\""));
		assertThat(sent).anySatisfy((s) -> assertThat(s).contains("\"objectId\":\"p2\"", "\"likes\":-10000"));
	}

	@Test
	void valuesOfObjectsNotWatchedAreDropped() {
		List<Runnable> parked = new ArrayList<>();
		LiveSession session = new LiveSession(socket(new ArrayList<>()), parked::add, JsonMapper.builder().build());
		session.offer(new ObjectCounts("p1", Map.of(), Map.of(), 1));
		assertThat(session.pendingCount()).isZero();
		assertThat(parked).isEmpty();
	}

	private static WebSocketSession socket(List<String> sent) {
		return (WebSocketSession) java.lang.reflect.Proxy.newProxyInstance(LiveSessionTests.class.getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "isOpen" -> true;
					case "getId" -> "test";
					case "sendMessage" -> {
						sent.add(((TextMessage) (WebSocketMessage<?>) args[0]).getPayload());
						yield null;
					}
					case "hashCode" -> 1;
					case "equals" -> proxy == args[0];
					case "toString" -> "test-session";
					default -> null;
				});
	}

}
