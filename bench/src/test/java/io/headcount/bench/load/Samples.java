package io.headcount.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Real outputs of wrk 4.1.0 and redis-benchmark 7.0.15, captured on the development
 * machine.
 */
final class Samples {

	private Samples() {
	}

	static String load(String name) {
		try (InputStream in = Samples.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("no sample " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
