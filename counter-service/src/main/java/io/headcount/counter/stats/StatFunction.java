package io.headcount.counter.stats;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a statistics read may ask for, per bucket and for the range. */
enum StatFunction {

	COUNT, SUM, AVG, MIN, MAX;

	/** {@code count,sum,…} in any order, repeats allowed; empty or unknown is refused. */
	static Set<StatFunction> parse(String list) {
		EnumSet<StatFunction> functions = EnumSet.noneOf(StatFunction.class);
		for (String name : list.split(",", -1)) {
			functions.add(switch (name.strip().toLowerCase(Locale.ROOT)) {
				case "count" -> COUNT;
				case "sum" -> SUM;
				case "avg" -> AVG;
				case "min" -> MIN;
				case "max" -> MAX;
				default -> throw new InvalidEvent("Unknown function",
						"fn is a comma separated list of count, sum, avg, min and max; got '" + name.strip() + "'.");
			});
		}
		return functions;
	}

}
