package io.headcount.statsbatch.counters;

/** One counter of one object. */
public record ObjectCounter(String objectId, String counter) implements Comparable<ObjectCounter> {

	@Override
	public int compareTo(ObjectCounter other) {
		int byObject = this.objectId.compareTo(other.objectId);
		return (byObject != 0) ? byObject : this.counter.compareTo(other.counter);
	}

}
