package io.headcount.statsbatch.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Embedded, in-memory DuckDB reading the archive's Parquet files in place. */
final class DuckDbEngine implements QueryEngine {

	private final Connection connection;

	DuckDbEngine(EngineSettings settings) {
		try {
			this.connection = DriverManager.getConnection("jdbc:duckdb:");
			try (Statement statement = this.connection.createStatement()) {
				if (settings.duckdbThreads() > 0) {
					statement.execute("SET threads = " + settings.duckdbThreads());
				}
				if (!settings.duckdbMemoryLimit().isBlank()) {
					statement.execute("SET memory_limit = '" + settings.duckdbMemoryLimit().replace("'", "") + "'");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot start DuckDB: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String name() {
		return "duckdb";
	}

	@Override
	public void register(String view, List<Path> files, String emptySelect) {
		String source = files.isEmpty() ? emptySelect
				: "SELECT * FROM read_parquet([" + files.stream()
					.map((file) -> "'" + file.toAbsolutePath().toString().replace("'", "''") + "'")
					.collect(Collectors.joining(", ")) + "], union_by_name = true, hive_partitioning = false)";
		execute("CREATE OR REPLACE VIEW " + view + " AS " + source);
	}

	@Override
	public void materialize(String name, String select) {
		execute("CREATE OR REPLACE TEMP TABLE " + name + " AS " + select);
	}

	@Override
	public List<List<@Nullable Object>> query(String select) {
		try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(select)) {
			int columns = rows.getMetaData().getColumnCount();
			List<List<@Nullable Object>> result = new ArrayList<>();
			while (rows.next()) {
				List<@Nullable Object> row = new ArrayList<>(columns);
				for (int i = 1; i <= columns; i++) {
					row.add(QueryEngine.normalize(rows.getObject(i)));
				}
				result.add(row);
			}
			return result;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("DuckDB query failed: " + ex.getMessage() + "\n" + select, ex);
		}
	}

	@Override
	public String range(long count) {
		return "(SELECT range AS id FROM range(0, " + count + "))";
	}

	private void execute(String sql) {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("DuckDB statement failed: " + ex.getMessage() + "\n" + sql, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// in-memory: nothing to lose
		}
	}

}
