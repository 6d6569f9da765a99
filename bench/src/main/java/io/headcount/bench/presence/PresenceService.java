package io.headcount.bench.presence;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.headcount.bench.BenchContext;
import io.headcount.bench.websocket.JvmHeap;
import io.headcount.testsupport.ChildProcess;
import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.ServiceLauncher;

/**
 * presence-service started from its jar by the bench context, tuned as ARCHITECTURE
 * "Known facts" says.
 */
final class PresenceService {

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

	/** The service's heap, read with jcmd. */
	JvmHeap heap() {
		return new JvmHeap(this.process.pid());
	}

}
