package io.headcount.statsbatch.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.headcount.statsbatch.engine.EngineSettings;
import io.headcount.statsbatch.engine.QueryEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;

/**
 * Apache Spark SQL, local ({@code local[*]}) or on any cluster master. stats-batch loads
 * it by name for {@code --engine spark}, so Spark is needed only where it is used.
 */
public final class SparkEngine implements QueryEngine {

	private final SparkSession spark;

	private final List<Dataset<Row>> cached = new ArrayList<>();

	public SparkEngine(EngineSettings settings) {
		SparkSession.Builder builder = SparkSession.builder()
			.appName("headcount-stats-batch")
			.config("spark.sql.shuffle.partitions", settings.sparkShufflePartitions())
			.config("spark.sql.session.timeZone", "UTC")
			.config("spark.ui.enabled", false)
			.config("spark.sql.ansi.enabled", true);
		if (!settings.sparkMaster().isBlank()) {
			builder.master(settings.sparkMaster());
		}
		if (settings.sparkMaster().startsWith("local")) {
			builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
		}
		this.spark = builder.getOrCreate();
	}

	@Override
	public String name() {
		return "spark";
	}

	@Override
	public void register(String view, List<Path> files, String emptySelect) {
		Dataset<Row> source = files.isEmpty() ? this.spark.sql(emptySelect) : this.spark.read()
			.option("mergeSchema", "true")
			.parquet(files.stream().map((file) -> file.toAbsolutePath().toUri().toString()).toArray(String[]::new));
		source.createOrReplaceTempView(view);
	}

	@Override
	public void materialize(String name, String select) {
		Dataset<Row> table = this.spark.sql(select).persist(StorageLevel.MEMORY_AND_DISK());
		this.cached.add(table);
		table.createOrReplaceTempView(name);
	}

	@Override
	public List<List<@Nullable Object>> query(String select) {
		List<Row> rows = this.spark.sql(select).collectAsList();
		List<List<@Nullable Object>> result = new ArrayList<>(rows.size());
		for (Row row : rows) {
			List<@Nullable Object> values = new ArrayList<>(row.size());
			for (int i = 0; i < row.size(); i++) {
				values.add(QueryEngine.normalize(row.get(i)));
			}
			result.add(values);
		}
		return result;
	}

	@Override
	public String range(long count) {
		return "(SELECT id FROM range(0, " + count + "))";
	}

	@Override
	public void close() {
		this.cached.forEach(Dataset::unpersist);
		this.spark.stop();
	}

}
