package io.headcount.counter.counters.store;

import java.util.List;
import java.util.stream.Stream;

import io.headcount.devstack.DevStack;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * A plain Lettuce client of the devstack's Redis Cluster, for tests below the Spring
 * context.
 */
final class DevStackCluster {

	private DevStackCluster() {
	}

	static RedisClusterClient client() {
		List<RedisURI> nodes = Stream.of(DevStack.shared().redisClusterNodes().split(","))
			.map((node) -> RedisURI.create("redis://" + node))
			.toList();
		return RedisClusterClient.create(nodes);
	}

}
