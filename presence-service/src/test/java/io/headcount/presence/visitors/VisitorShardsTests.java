package io.headcount.presence.visitors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket count of sessions-on-objects is written twice, in visitors.lua (which
 * computes a session's bucket) and in Java (which deletes and measures every bucket): the
 * two must agree.
 */
class VisitorShardsTests {

	@Test
	void javaAndTheScriptAgreeOnTheObjectBuckets() throws IOException {
		String script;
		try (InputStream in = VisitorShards.class.getResourceAsStream("visitors.lua")) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Matcher m = Pattern.compile("local OBJECT_BUCKETS = (\\d+)").matcher(script);
		assertThat(m.find()).as("visitors.lua declares OBJECT_BUCKETS").isTrue();
		assertThat(Integer.parseInt(m.group(1))).isEqualTo(VisitorShards.OBJECT_BUCKETS);
		assertThat(VisitorShards.objectBuckets(3, "site-1")).hasSize(VisitorShards.OBJECT_BUCKETS)
			.startsWith("visitors:{v3}:so:site-1:0")
			.endsWith("visitors:{v3}:so:site-1:" + (VisitorShards.OBJECT_BUCKETS - 1));
	}

}
