package io.headcount.statsbatch.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which engine runs the report SQL ({@code headcount.engine.*}; {@code --engine} on the
 * command line).
 *
 * @param name {@code duckdb} (embedded, the default) or {@code spark}
 * @param sparkMaster Spark's master URL; empty to take {@code spark-submit}'s
 * @param sparkShufflePartitions Spark's {@code spark.sql.shuffle.partitions}: 8 for one
 * machine (Spark's default of 200 writes thousands of tiny shuffle files), more on a
 * cluster
 * @param duckdbThreads DuckDB's threads, 0 for one per core
 * @param duckdbMemoryLimit DuckDB's {@code memory_limit}, empty for its default
 */
@ConfigurationProperties("headcount.engine")
public record EngineSettings(@DefaultValue("duckdb") String name, @DefaultValue("local[*]") String sparkMaster,
		@DefaultValue("8") int sparkShufflePartitions, @DefaultValue("0") int duckdbThreads,
		@DefaultValue("") String duckdbMemoryLimit) {

	/** In stats-batch-spark, so that Spark stays off this module's class path. */
	static final String SPARK_ENGINE = "io.headcount.statsbatch.spark.SparkEngine";

	public EngineSettings {
		if (!name.equals("duckdb") && !name.equals("spark")) {
			throw new IllegalArgumentException("headcount.engine.name (--engine) must be duckdb or spark, not " + name);
		}
	}

	public static EngineSettings duckdb() {
		return new EngineSettings("duckdb", "local[*]", 8, 0, "");
	}

	public static EngineSettings sparkLocal(int shufflePartitions) {
		return new EngineSettings("spark", "local[*]", shufflePartitions, 0, "");
	}

	public EngineSettings withName(String engine) {
		return new EngineSettings(engine, this.sparkMaster, this.sparkShufflePartitions, this.duckdbThreads,
				this.duckdbMemoryLimit);
	}

	/** Opens the engine this names. */
	public QueryEngine open() {
		if (this.name.equals("duckdb")) {
			return new DuckDbEngine(this);
		}
		try {
			Class.forName("org.apache.spark.sql.SparkSession");
			return (QueryEngine) Class.forName(SPARK_ENGINE).getConstructor(EngineSettings.class).newInstance(this);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException("--engine spark needs stats-batch-spark's jar and Spark 4.2's jars on the "
					+ "class path (-Dloader.path=…, docs/stats-batch.md): " + ex, ex);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot start Spark: " + ex.getCause(), ex.getCause());
		}
	}

}
