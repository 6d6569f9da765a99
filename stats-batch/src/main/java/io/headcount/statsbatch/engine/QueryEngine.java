package io.headcount.statsbatch.engine;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where the report SQL runs. Both engines are given the same statements; what differs
 * between their dialects is asked of the engine ({@link #range}), not written twice.
 * Values come back normalized (every integer a {@code Long}, every float a
 * {@code Double}), so the same query gives equal rows on both.
 */
public interface QueryEngine extends AutoCloseable {

	/** {@code duckdb} or {@code spark}. */
	String name();

	/**
	 * Makes {@code view} read the given Parquet files, or be {@code emptySelect} when
	 * there are none.
	 */
	void register(String view, List<Path> files, String emptySelect);

	/** Computes {@code select} once and keeps it as the table {@code name}. */
	void materialize(String name, String select);

	/** The rows of {@code select}, in its order. */
	List<List<@Nullable Object>> query(String select);

	/** A relation of one {@code BIGINT} column {@code id} holding 0 … count - 1. */
	String range(long count);

	@Override
	void close();

	/** A normalized integer cell, 0 when null. */
	static long number(@Nullable Object value) {
		return (value == null) ? 0 : ((Number) value).longValue();
	}

	/** The value of a result cell as the report wants it. */
	static @Nullable Object normalize(@Nullable Object value) {
		return switch (value) {
			case null -> null;
			case Long number -> number;
			case Integer number -> number.longValue();
			case Short number -> number.longValue();
			case Byte number -> number.longValue();
			case java.math.BigInteger number -> number.longValueExact();
			case Float number -> number.doubleValue();
			case Double number -> number;
			case java.math.BigDecimal number -> number;
			case Boolean bool -> bool;
			default -> value.toString();
		};
	}

}
