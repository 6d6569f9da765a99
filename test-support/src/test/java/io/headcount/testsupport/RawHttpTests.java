package io.headcount.testsupport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawHttpTests {

	@Test
	void aChunkedBodyWithMultiByteCharactersIsReadByItsByteCounts() throws Exception {
		String detail = "{\"detail\":\"No route for /v1/things/\u20ac\"}";
		byte[] first = detail.substring(0, 20).getBytes(StandardCharsets.UTF_8);
		byte[] second = detail.substring(20).getBytes(StandardCharsets.UTF_8);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread answer = Thread.ofVirtual().start(() -> {
				try (Socket socket = server.accept()) {
					InputStream in = socket.getInputStream();
					in.read(new byte[8192]);
					OutputStream out = socket.getOutputStream();
					out.write(("HTTP/1.1 404 \r\nContent-Type: application/problem+json\r\n"
							+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					for (byte[] chunk : new byte[][] { first, second }) {
						out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
						out.write(chunk);
						out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			RawHttp.Response response = RawHttp.send(server.getLocalPort(), "GET", "/v1/things/%E2%82%AC", Map.of(),
					"");
			answer.join();
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.body()).isEqualTo(detail);
		}
	}

}
