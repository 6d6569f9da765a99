package io.headcount.bench.websocket;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a service JVM, read with {@code jcmd}: the figures of the heap per idle
 * connection benchmarks.
 */
public final class JvmHeap {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)([KMG])");

	private static final Pattern LIVE_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

	private final long pid;

	public JvmHeap(long pid) {
		this.pid = pid;
	}

	/**
	 * Heap in use after two full collections, in bytes (jcmd GC.heap_info; G1 and ZGC
	 * formats).
	 */
	public long heapAfterGc() throws Exception {
		jcmd("GC.run");
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher used = HEAP_USED.matcher(info);
		if (!used.find()) {
			throw new IllegalStateException("no heap figure in: " + info);
		}
		long value = Long.parseLong(used.group(1));
		return switch (used.group(2)) {
			case "G" -> value << 30;
			case "M" -> value << 20;
			default -> value << 10;
		};
	}

	/**
	 * Bytes of live objects (jcmd GC.class_histogram, which collects first), to the byte:
	 * ZGC's heap figure is in whole MiB and counts pages, so it also moves with
	 * fragmentation.
	 */
	public long liveBytes() throws Exception {
		Matcher total = LIVE_TOTAL.matcher(jcmd("GC.class_histogram"));
		if (!total.find()) {
			throw new IllegalStateException("no total in the class histogram");
		}
		return Long.parseLong(total.group(1));
	}

	private String jcmd(String command) throws Exception {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.pid), command)
			.redirectErrorStream(true)
			.start();
		String out = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor(60, TimeUnit.SECONDS);
		return out;
	}

}
