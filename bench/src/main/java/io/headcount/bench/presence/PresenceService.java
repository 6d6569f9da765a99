package io.headcount.bench.presence;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.headcount.bench.BenchContext;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.ServiceLauncher;

/**
 * presence-service started from its jar by the bench context, tuned as ARCHITECTURE
 * "Known facts" says.
 */
final class PresenceService {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)([KMG])");

	private static final Pattern LIVE_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

	private final ChildProcess process;

	private final int port;

	private PresenceService(ChildProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	static PresenceService start(BenchContext context, String heap) throws InterruptedException {
		int port = ServiceLauncher.freePort();
		ChildProcess process = context.services()
			.startService("presence-service", port, List.of("-Xms" + heap, "-Xmx" + heap),
					Map.of("HEADCOUNT_RATE_LIMIT_ENABLED", "false", "LOGGING_LEVEL_ROOT", "WARN"));
		return new PresenceService(process, port);
	}

	URI webSocket() {
		return URI.create("ws://127.0.0.1:" + this.port + "/ws/presence");
	}

	/**
	 * A load client's /ws/presence socket that hands each text message to
	 * {@code messages}.
	 */
	CompletableFuture<JsonWebSocket> connect(String token, Consumer<String> messages) {
		return JsonWebSocket.to(webSocket()).bearer(token).onText(messages).openAsync();
	}

	/**
	 * Heap in use after two full collections, in bytes (jcmd GC.heap_info; G1 and ZGC
	 * formats).
	 */
	long heapAfterGc() throws Exception {
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
	long liveBytes() throws Exception {
		Matcher total = LIVE_TOTAL.matcher(jcmd("GC.class_histogram"));
		if (!total.find()) {
			throw new IllegalStateException("no total in the class histogram");
		}
		return Long.parseLong(total.group(1));
	}

	private String jcmd(String command) throws Exception {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.process.pid()), command)
			.redirectErrorStream(true)
			.start();
		String out = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor(60, TimeUnit.SECONDS);
		return out;
	}

}
