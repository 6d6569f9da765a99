package io.headcount.statsbatch.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report written once in SQL, as a resource of blocks: {@code -- table: name} blocks
 * are materialized in order, {@code -- result: name} blocks are queried. {@code ${name}}
 * is a parameter (numbers only, so nothing can be injected), {@code ${range:N}} the
 * engine's relation of 0 … N - 1.
 */
public final class SqlScript {

	private static final Logger logger = LoggerFactory.getLogger(SqlScript.class);

	private static final Pattern HEADER = Pattern.compile("^-- (table|result): (\\w+)\\s*$", Pattern.MULTILINE);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(range:)?(\\w+)}");

	private final List<Block> blocks;

	private SqlScript(List<Block> blocks) {
		this.blocks = blocks;
	}

	public static SqlScript load(Class<?> owner, String resource) {
		try (InputStream in = owner.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing SQL resource " + resource);
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static SqlScript parse(String text) {
		List<Block> blocks = new ArrayList<>();
		Matcher header = HEADER.matcher(text);
		int start = -1;
		String kind = null;
		String name = null;
		while (header.find()) {
			if (start >= 0) {
				blocks.add(new Block(kind.equals("table"), name, body(text.substring(start, header.start()))));
			}
			kind = header.group(1);
			name = header.group(2);
			start = header.end();
		}
		if (start >= 0) {
			blocks.add(new Block(kind.equals("table"), name, body(text.substring(start))));
		}
		return new SqlScript(List.copyOf(blocks));
	}

	private static String body(String sql) {
		String trimmed = sql.strip();
		return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	/**
	 * Materializes the tables and returns each result's rows by name, in the script's
	 * order.
	 */
	public Map<String, List<List<@Nullable Object>>> run(QueryEngine engine, Map<String, Long> parameters) {
		Map<String, List<List<@Nullable Object>>> results = new LinkedHashMap<>();
		for (Block block : this.blocks) {
			String sql = bind(block.sql, engine, parameters);
			long started = System.nanoTime();
			if (block.table) {
				engine.materialize(block.name, sql);
			}
			else {
				results.put(block.name, engine.query(sql));
			}
			logger.debug("{} {} on {}: {} ms", block.table ? "table" : "result", block.name, engine.name(),
					(System.nanoTime() - started) / 1_000_000);
		}
		return results;
	}

	private static String bind(String sql, QueryEngine engine, Map<String, Long> parameters) {
		Matcher matcher = PLACEHOLDER.matcher(sql);
		StringBuilder bound = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(2);
			String value;
			if (matcher.group(1) != null) {
				value = engine.range(Long.parseLong(name));
			}
			else {
				Long number = parameters.get(name);
				if (number == null) {
					throw new IllegalArgumentException("no value for ${" + name + "}");
				}
				value = number.toString();
			}
			matcher.appendReplacement(bound, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(bound);
		return bound.toString();
	}

	private record Block(boolean table, String name, String sql) {
	}

}
