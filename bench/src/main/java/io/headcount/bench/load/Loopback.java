package io.headcount.bench.load;

import java.net.URI;

/**
 * The benchmarks load this machine only: a typo must never point a load generator at
 * someone else's host.
 */
public final class Loopback {

	public static final String HOST = "127.0.0.1";

	private Loopback() {
	}

	/** {@code http://127.0.0.1:<port><path>}. */
	public static URI uri(int port, String path) {
		return URI.create("http://" + HOST + ":" + port + path);
	}

	public static URI require(URI target) {
		if (!HOST.equals(target.getHost())) {
			throw new IllegalArgumentException("load targets must be http://" + HOST + ":<port>/..., not " + target);
		}
		return target;
	}

}
