package io.headcount.counter.counters;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The changes of one object that go to Redis together, in order; {@code result} completes with one
 * result per change once Redis applied them.
 */
public record ObjectBatch(String objectId, List<Change> changes, CompletableFuture<List<ChangeResult>> result) {

	public ObjectBatch(String objectId, List<Change> changes) {
		this(objectId, changes, new CompletableFuture<>());
	}

}
