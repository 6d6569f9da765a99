package io.headcount.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Debian's headless Chromium, driven over the DevTools protocol (no WebDriver needed):
 * opens a page, evaluates JavaScript in it and takes screenshots. One copy for every
 * module's browser tests.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final Path BINARY = Path.of("/usr/bin/chromium");

	private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

	private final Process process;

	private final Path profile;

	private final int debugPort;

	private final HttpClient http = HttpClient.newHttpClient();

	private HeadlessChromium(Process process, Path profile, int debugPort) {
		this.process = process;
		this.profile = profile;
		this.debugPort = debugPort;
	}

	public static HeadlessChromium start() throws Exception {
		if (!Files.isExecutable(BINARY)) {
			throw new IllegalStateException("Chromium is missing: install it with 'apt-get install -y chromium'");
		}
		Path profile = Files.createTempDirectory("headless-chromium");
		Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
				"--remote-debugging-port=0", "about:blank")
			.redirectErrorStream(true)
			.start();
		CompletableFuture<String> endpoint = new CompletableFuture<>();
		Thread.ofPlatform().daemon().start(() -> {
			try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
				String line;
				while ((line = out.readLine()) != null) {
					Matcher m = DEVTOOLS.matcher(line);
					if (m.find()) {
						endpoint.complete(m.group(1));
					}
				}
			}
			catch (IOException ex) {
				endpoint.completeExceptionally(ex);
			}
			endpoint.completeExceptionally(new IllegalStateException("Chromium exited without a DevTools endpoint"));
		});
		URI browser = URI.create(endpoint.get(30, TimeUnit.SECONDS));
		return new HeadlessChromium(process, profile, browser.getPort());
	}

	/** Opens a new tab on {@code url}. */
	public Page open(String url) throws Exception {
		HttpResponse<String> created = this.http
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.debugPort + "/json/new?"
						+ URLEncoder.encode(url, StandardCharsets.UTF_8)))
				.PUT(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode target = JsonWebSocket.json.readTree(created.body());
		return new Page(target.path("id").asString(),
				JsonWebSocket.to(target.path("webSocketDebuggerUrl").asString()).open());
	}

	/**
	 * Closes a tab as a user would: the page gets its {@code pagehide} and may send
	 * beacons.
	 */
	public void close(Page page) throws Exception {
		this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.debugPort + "/json/close/" + page.id))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Kills the browser with SIGKILL: its pages get no pagehide and send nothing more.
	 */
	public void kill() throws InterruptedException {
		var children = this.process.descendants().toList();
		this.process.destroyForcibly();
		children.forEach(ProcessHandle::destroyForcibly);
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws IOException {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (var files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
	}

	/** One tab, over its DevTools WebSocket. */
	public static final class Page {

		private final AtomicInteger ids = new AtomicInteger();

		private final String id;

		private final JsonWebSocket socket;

		private Page(String id, JsonWebSocket socket) {
			this.id = id;
			this.socket = socket;
		}

		/** A PNG of what the tab shows, written to {@code file}. */
		public Path screenshot(Path file) throws IOException {
			int id = this.ids.incrementAndGet();
			this.socket
				.sendJson(Map.of("id", id, "method", "Page.captureScreenshot", "params", Map.of("format", "png")));
			JsonNode result = this.socket.awaitFrame((reply) -> reply.path("id").asInt(-1) == id,
					Duration.ofSeconds(20));
			Files.write(file, Base64.getDecoder().decode(result.path("result").path("data").asString()));
			return file;
		}

		/**
		 * Lays the tab out as a window {@code width} × {@code height} CSS pixels wide
		 * (DevTools {@code Emulation.setDeviceMetricsOverride}), e.g. to check a page at
		 * a narrow width.
		 */
		public void viewport(int width, int height) {
			int id = this.ids.incrementAndGet();
			this.socket.sendJson(Map.of("id", id, "method", "Emulation.setDeviceMetricsOverride", "params",
					Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false)));
			this.socket.awaitFrame((reply) -> reply.path("id").asInt(-1) == id, Duration.ofSeconds(10));
		}

		/** The value of a JavaScript expression (returned by value), or null. */
		public JsonNode evaluate(String expression) {
			int id = this.ids.incrementAndGet();
			this.socket.sendJson(Map.of("id", id, "method", "Runtime.evaluate", "params",
					Map.of("expression", expression, "returnByValue", true)));
			JsonNode result = this.socket.awaitFrame((reply) -> reply.path("id").asInt(-1) == id,
					Duration.ofSeconds(10));
			return result.path("result").path("result").path("value");
		}

		public String text(String expression) {
			JsonNode value = evaluate(expression);
			return value.isMissingNode() || value.isNull() ? null : value.asString();
		}

	}

}
