package io.headcount.counter.counters.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.headcount.counter.counters.Change;
import io.headcount.counter.counters.ChangeResult;
import org.jspecify.annotations.Nullable;

/**
 * One object's changes for one script call, applied in order; the result lists one answer
 * per change. The coalescer hands its batches over before they are filled: the changes
 * are taken from the object's lane the first time someone asks for them, on the rounds
 * thread, so that the next batch of an object is never assembled on Lettuce's event loop
 * where the previous one was answered.
 */
class ObjectBatch {

	private final String objectId;

	private final CompletableFuture<List<ChangeResult>> result = new CompletableFuture<>();

	private @Nullable List<Change> changes;

	/** A batch of these changes. */
	ObjectBatch(String objectId, List<Change> changes) {
		this.objectId = objectId;
		this.changes = changes;
	}

	/** A batch whose changes {@link #take} gives on first use. */
	protected ObjectBatch(String objectId) {
		this.objectId = objectId;
	}

	final String objectId() {
		return this.objectId;
	}

	/**
	 * The changes; empty when every change waiting for this batch timed out before it was
	 * sent.
	 */
	final List<Change> changes() {
		List<Change> taken = this.changes;
		if (taken == null) {
			taken = take();
			this.changes = taken;
		}
		return taken;
	}

	final CompletableFuture<List<ChangeResult>> result() {
		return this.result;
	}

	/** The changes of a batch made without them; called once. */
	protected List<Change> take() {
		return List.of();
	}

}
