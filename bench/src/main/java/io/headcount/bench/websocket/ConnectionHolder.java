package io.headcount.bench.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.headcount.testsupport.JsonWebSocket;
import io.headcount.testsupport.Tokens;

/**
 * A client process that opens and holds many idle WebSocket connections (one user each,
 * JWT {@code sub} = prefix + index, in the {@code Authorization} header), so that the
 * connections of a benchmark can be spread over several processes (one process may hold
 * at most 20,000 open files here); see {@link ConnectionHolders}. Prints "open N" when
 * done, "closed N" as connections drop, and exits when its standard input closes.
 *
 * <p>
 * Usage:
 * {@code ConnectionHolder <ws-url with its query> <count> <jwt-secret> <user-prefix>}
 */
public final class ConnectionHolder {

	private ConnectionHolder() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int count = Integer.parseInt(args[1]);
		String secret = args[2];
		String prefix = args[3];
		AtomicInteger closed = new AtomicInteger();
		Semaphore inFlight = new Semaphore(200);
		List<CompletableFuture<JsonWebSocket>> sockets = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			inFlight.acquire();
			String token = Tokens.mint(secret, prefix + i, Duration.ofHours(6));
			CompletableFuture<JsonWebSocket> socket = JsonWebSocket.to(url).bearer(token).onText((message) -> {
			}).openAsync();
			socket.whenComplete((s, e) -> inFlight.release());
			socket.thenAccept((s) -> s.closed().thenRun(closed::incrementAndGet));
			sockets.add(socket);
		}
		int open = 0;
		for (CompletableFuture<JsonWebSocket> socket : sockets) {
			try {
				socket.get(60, TimeUnit.SECONDS);
				open++;
			}
			catch (Exception ex) {
				// counted as not open
			}
		}
		System.out.println("open " + open);
		System.out.flush();
		while (System.in.read() >= 0) {
			// hold until the benchmark closes our stdin
		}
		System.out.println("closed " + closed.get());
		System.exit(0);
	}

}
