package io.headcount.statsbatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows of an {@link ArchiveTable} to one Parquet file (zstd), through an in-memory
 * DuckDB: rows go in with DuckDB's appender and out with {@code COPY … TO}. The file is
 * written as {@code <name>.tmp}, forced to disk and renamed, so a reader (or a consumer
 * restarting after a crash) never sees half a file under the final name. Not thread-safe:
 * one per archiving thread.
 */
public final class ParquetWriter implements AutoCloseable {

	private final DuckDBConnection connection;

	public ParquetWriter() {
		try {
			this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("SET threads = 1"); // one file at a time; the archive
														// runs beside services
				statement.execute("SET preserve_insertion_order = true");
				for (ArchiveTable table : ArchiveTable.values()) {
					statement.execute("CREATE TABLE " + table.tableName() + " (" + table.columnDefinitions() + ")");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot start DuckDB for writing Parquet: " + ex.getMessage(), ex);
		}
	}

	/** Writes {@code rows} (in this order) to {@code file}, replacing it if present. */
	public void write(ArchiveTable table, List<@Nullable Object[]> rows, Path file) {
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.createDirectories(file.getParent());
			try (DuckDBAppender appender = this.connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
					table.tableName())) {
				for (@Nullable
				Object[] row : rows) {
					appender.beginRow();
					for (@Nullable
					Object value : row) {
						append(appender, value);
					}
					appender.endRow();
				}
			}
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("COPY " + table.tableName() + " TO '"
						+ tmp.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)");
				statement.execute("DELETE FROM " + table.tableName());
			}
			try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void append(DuckDBAppender appender, @Nullable Object value) throws SQLException {
		switch (value) {
			case null -> appender.appendNull();
			case String text -> appender.append(text);
			case Long number -> appender.append(number.longValue());
			case Boolean bool -> appender.append(bool.booleanValue());
			case BigDecimal decimal -> appender.append(decimal);
			default -> throw new IllegalArgumentException("unexpected column value " + value.getClass());
		}
	}

	/** The event ids in {@code files}, in offset order. */
	public List<String> eventIds(List<Path> files) {
		if (files.isEmpty()) {
			return List.of();
		}
		String list = files.stream()
			.map((file) -> "'" + file.toAbsolutePath().toString().replace("'", "''") + "'")
			.collect(java.util.stream.Collectors.joining(", "));
		List<String> ids = new java.util.ArrayList<>();
		try (Statement statement = this.connection.createStatement();
				java.sql.ResultSet rows = statement
					.executeQuery("SELECT event_id FROM read_parquet([" + list + "]) ORDER BY kafka_offset")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read event ids of " + files + ": " + ex.getMessage(), ex);
		}
		return ids;
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// nothing was left unwritten: every write is complete when it returns
		}
	}

}
