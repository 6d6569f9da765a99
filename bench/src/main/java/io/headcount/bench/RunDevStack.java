package io.headcount.bench;

import io.headcount.devstack.DevStack;
import io.headcount.devstack.DevStackOptions;
import org.jspecify.annotations.Nullable;

/**
 * The run's Redis Cluster, Kafka and InfluxDB: started on first use (about 10 s), stopped
 * when the run is over. A stack of its own rather than {@link DevStack#shared()}, whose
 * close() is left to a shutdown hook.
 */
final class RunDevStack implements AutoCloseable {

	private @Nullable DevStack devStack;

	private boolean closed;

	synchronized DevStack get() {
		if (this.closed) {
			throw new IllegalStateException("the run is over");
		}
		if (this.devStack == null) {
			long start = System.nanoTime();
			this.devStack = DevStack.start(DevStackOptions.defaults().withQuickBroker(false));
			BenchMain.say("devstack up in %.1f s (Redis Cluster %s)", (System.nanoTime() - start) / 1e9,
					this.devStack.redisClusterNodes());
		}
		return this.devStack;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.devStack != null) {
			BenchMain.say("stopping devstack");
			try {
				this.devStack.close();
			}
			catch (Exception ex) {
				BenchMain.say("stopping devstack failed: %s", ex);
			}
		}
	}

}
