package io.headcount.bench.load;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResponseParserTests {

	@Test
	void readsAContentLengthBodyAndLeavesWhatFollows() throws ProtocolException {
		ResponseParser parser = new ResponseParser();
		parser.expect(false);
		ByteBuffer bytes = ascii(
				"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 4\r\n\r\npongHTTP/1.1");

		assertThat(parser.parse(bytes)).isTrue();
		assertThat(parser.status()).isEqualTo(200);
		assertThat(parser.keepAlive()).isTrue();
		assertThat(bytes.remaining()).isEqualTo("HTTP/1.1".length());
	}

	@Test
	void readsResponsesArrivingOneByteAtATime() throws ProtocolException {
		assertThat(byteByByte("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nabc", false).status()).isEqualTo(201);
		assertThat(byteByByte(
				"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "4\r\npong\r\n1a;name=value\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n",
				false)
			.status()).isEqualTo(200);
		assertThat(byteByByte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", false).status())
			.isEqualTo(204);
		assertThat(byteByByte("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\n", true).status()).isEqualTo(404);
	}

	@Test
	void toldWhenTheServerClosesAfterTheResponse() throws ProtocolException {
		assertThat(byteByByte("HTTP/1.1 503 \r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false).keepAlive())
			.isFalse();
		assertThat(byteByByte("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false).keepAlive()).isFalse();
		assertThat(
				byteByByte("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false).keepAlive())
			.isTrue();
	}

	@Test
	void endsABodyFramedByNothingWhenTheConnectionCloses() throws ProtocolException {
		ResponseParser parser = new ResponseParser();
		parser.expect(false);

		assertThat(parser.parse(ascii("HTTP/1.1 200 OK\r\n\r\nuntil the end"))).isFalse();
		assertThat(parser.endOfStream()).isTrue();
		assertThat(parser.keepAlive()).isFalse();
	}

	@Test
	void failsWhenTheConnectionClosesMidResponse() throws ProtocolException {
		ResponseParser parser = new ResponseParser();
		parser.expect(false);

		assertThat(parser.parse(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))).isFalse();
		assertThat(parser.endOfStream()).isFalse();
	}

	@Test
	void rejectsWhatIsNotHttp() {
		ResponseParser parser = new ResponseParser();
		parser.expect(false);

		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> parser.parse(ascii("SSH-2.0-OpenSSH\r\n")));
	}

	private static ResponseParser byteByByte(String response, boolean head) throws ProtocolException {
		ResponseParser parser = new ResponseParser();
		parser.expect(head);
		byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < bytes.length; i++) {
			boolean complete = parser.parse(ByteBuffer.wrap(bytes, i, 1));
			assertThat(complete).as("complete after byte %d of %d", i + 1, bytes.length)
				.isEqualTo(i == bytes.length - 1);
		}
		return parser;
	}

	private static ByteBuffer ascii(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
	}

}
