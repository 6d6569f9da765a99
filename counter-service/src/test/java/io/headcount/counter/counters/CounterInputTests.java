package io.headcount.counter.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class CounterInputTests {

	@Test
	void actionsAndDeltasMapToSignedChanges() {
		assertThat(CounterController.signedDelta(new CounterController.CounterChangeRequest("increment", null)))
			.isEqualTo(1);
		assertThat(CounterController.signedDelta(new CounterController.CounterChangeRequest("decrement", 5L)))
			.isEqualTo(-5);
		assertThat(CounterController.signedDelta(new CounterController.CounterChangeRequest("increment", 1_000_000L)))
			.isEqualTo(1_000_000);
	}

	@Test
	void unknownActionsAndDeltasOutOfRangeAreBadRequests() {
		assertBadRequest(() -> CounterController.signedDelta(new CounterController.CounterChangeRequest("add", 1L)));
		assertBadRequest(
				() -> CounterController.signedDelta(new CounterController.CounterChangeRequest("increment", 0L)));
		assertBadRequest(() -> CounterController
			.signedDelta(new CounterController.CounterChangeRequest("increment", 1_000_001L)));
		assertBadRequest(
				() -> CounterController.signedDelta(new CounterController.CounterChangeRequest("decrement", -3L)));
		assertBadRequest(() -> CounterController.signedDelta(null));
	}

	@Test
	void idsThatCouldChangeAHashTagAreRejected() {
		assertThat(ObjectIds.objectId("post-42_a.b")).isEqualTo("post-42_a.b");
		assertBadRequest(() -> ObjectIds.objectId("p}x"));
		assertBadRequest(() -> ObjectIds.objectId("p{x"));
		assertBadRequest(() -> ObjectIds.objectId("a".repeat(129)));
		assertBadRequest(() -> ObjectIds.counterName("Shares"));
		assertBadRequest(() -> ObjectIds.idempotencyKey("has space"));
	}

	@Test
	void batchReadsTakeAtMost500DistinctIds() {
		String ids500 = IntStream.range(0, 500).mapToObj((i) -> "p" + i).collect(Collectors.joining(","));
		assertThat(ObjectIds.objectIds(ids500 + ",p1")).hasSize(500);
		assertBadRequest(() -> ObjectIds.objectIds(ids500 + ",p500"));
		assertBadRequest(() -> ObjectIds.objectIds("a,,b"));
		assertBadRequest(() -> ObjectIds.objectIds(""));
	}

	private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		// CounterAdvice answers every BadCounterRequest with 400
		// (BadInputIntegrationTests shows it over HTTP)
		assertThatThrownBy(call).isInstanceOf(BadCounterRequest.class);
	}

}
