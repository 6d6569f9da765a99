package io.headcount.statsbatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Where archived events live: {@code <root>/<topic>/date=YYYY-MM-DD/hour=HH/} and, in
 * there, {@code <topic>-p<partition>-<first offset>-<last offset>.parquet}. One flush of
 * one partition writes a file per hour it holds, all with the flush's offset range in
 * their name.
 */
public final class ArchiveFiles {

	private static final Pattern NAME = Pattern.compile("(.+)-p(\\d+)-(\\d{19})-(\\d{19})\\.parquet");

	private final Path root;

	public ArchiveFiles(Path root) {
		this.root = root;
	}

	public Path root() {
		return this.root;
	}

	/** The hour directory of an event time (UTC). */
	public Path hourDirectory(ArchiveTable table, long epochMillis) {
		ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
		return this.root.resolve(table.directoryName())
			.resolve("date=" + time.toLocalDate())
			.resolve("hour=%02d".formatted(time.getHour()));
	}

	/** Offsets are zero-padded so that names sort by offset. */
	public static String fileName(ArchiveTable table, int partition, long firstOffset, long lastOffset) {
		return "%s-p%d-%019d-%019d.parquet".formatted(table.directoryName(), partition, firstOffset, lastOffset);
	}

	/**
	 * The Parquet files of the given days (UTC), in name order, for the report; an
	 * unfinished {@code .tmp} file is never among them.
	 */
	public List<Path> files(ArchiveTable table, LocalDate firstDay, LocalDate lastDay) {
		List<Path> files = new ArrayList<>();
		for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
			Path directory = this.root.resolve(table.directoryName()).resolve("date=" + day);
			if (Files.isDirectory(directory)) {
				files.addAll(parquetFiles(directory));
			}
		}
		return files;
	}

	/**
	 * The newest day (UTC) with a directory of this table, or {@code null} when there is
	 * none.
	 */
	public @Nullable LocalDate lastDay(ArchiveTable table) {
		Path directory = this.root.resolve(table.directoryName());
		if (!Files.isDirectory(directory)) {
			return null;
		}
		try (Stream<Path> days = Files.list(directory)) {
			return days.map((day) -> day.getFileName().toString())
				.filter((name) -> name.startsWith("date="))
				.map((name) -> LocalDate.parse(name.substring("date=".length())))
				.max(LocalDate::compareTo)
				.orElse(null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes what a consumer left behind when it died before committing: every file of
	 * this partition that starts at or after the committed offset (its events will be
	 * read and written again), and unfinished {@code .tmp} files of the partition.
	 * @return how many files were deleted
	 */
	public int deleteUncommitted(ArchiveTable table, int partition, long committedOffset) {
		Path directory = this.root.resolve(table.directoryName());
		if (!Files.isDirectory(directory)) {
			return 0;
		}
		String prefix = table.directoryName() + "-p" + partition + "-";
		int deleted = 0;
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				String name = path.getFileName().toString();
				if (!name.startsWith(prefix)) {
					continue;
				}
				Matcher matcher = NAME.matcher(name.endsWith(".tmp") ? name.substring(0, name.length() - 4) : name);
				boolean unfinished = name.endsWith(".tmp");
				boolean uncommitted = matcher.matches() && Long.parseLong(matcher.group(3)) >= committedOffset;
				if (unfinished || uncommitted) {
					Files.delete(path);
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return deleted;
	}

	/**
	 * The partition's files of its newest {@code flushes} flushes (by last offset), where
	 * a restarted consumer finds the event ids it wrote last.
	 */
	public List<Path> newestFiles(ArchiveTable table, int partition, int flushes) {
		Path directory = this.root.resolve(table.directoryName());
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		String prefix = table.directoryName() + "-p" + partition + "-";
		try (Stream<Path> paths = Files.walk(directory)) {
			List<Path> files = paths.filter((path) -> path.getFileName().toString().startsWith(prefix))
				.filter((path) -> NAME.matcher(path.getFileName().toString()).matches())
				.toList();
			List<String> newest = files.stream()
				.map((path) -> path.getFileName().toString())
				.distinct()
				.sorted(java.util.Comparator.comparing(ArchiveFiles::lastOffset).reversed())
				.limit(flushes)
				.toList();
			return files.stream().filter((path) -> newest.contains(path.getFileName().toString())).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long lastOffset(String name) {
		Matcher matcher = NAME.matcher(name);
		return matcher.matches() ? Long.parseLong(matcher.group(4)) : -1;
	}

	private static List<Path> parquetFiles(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			return paths.filter((path) -> path.getFileName().toString().endsWith(".parquet"))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
