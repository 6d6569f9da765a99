package io.headcount.testsupport;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in service for {@link ServiceLauncherTests}: ready on {@code SERVER_PORT}, and
 * {@code /facts} tells the JVM flags, the instance id and one property it was started
 * with.
 */
final class TinyService {

	private TinyService() {
	}

	public static void main(String[] args) throws Exception {
		HttpServer server = HttpServer
			.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
		server.createContext("/actuator/health/readiness", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.createContext("/facts", (exchange) -> {
			byte[] body = (ManagementFactory.getRuntimeMXBean().getInputArguments() + " "
					+ System.getenv("HEADCOUNT_INSTANCEID") + " " + System.getenv("HEADCOUNT_SOME_THING"))
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

}
