package io.headcount.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference figures measured earlier in a run, which later scenarios compare against.
 */
final class ReferenceFigures {

	private final Map<String, Result> references = new ConcurrentHashMap<>();

	/**
	 * @throws IllegalStateException if that reference failed or was not selected
	 */
	double value(String name) {
		Result result = this.references.get(name);
		if (result == null) {
			throw new IllegalStateException(
					"reference " + name + " was not measured in this run; measured: " + this.references.keySet());
		}
		return result.value();
	}

	Map<String, Result> all() {
		return Map.copyOf(this.references);
	}

	void add(List<Result> results) {
		results.forEach((result) -> this.references.put(result.scenario(), result));
	}

}
