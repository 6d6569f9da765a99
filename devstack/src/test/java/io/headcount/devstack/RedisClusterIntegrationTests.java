package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import org.junit.jupiter.api.Test;

class RedisClusterIntegrationTests {

	private final DevStack stack = DevStack.shared();

	@Test
	void clusterHasThreeMastersEachWithOneAttachedReplica() throws IOException {
		List<Integer> ports = ports(this.stack);
		assertThat(ports).hasSize(6).allSatisfy(port -> assertThat(port).isNotIn(6379, 6380));
		List<ClusterNode> view = ClusterNode.parse((String) Resp.send(ports.getFirst(), "CLUSTER", "NODES"));
		List<ClusterNode> masters = view.stream().filter(ClusterNode::isMaster).toList();
		List<ClusterNode> replicas = view.stream().filter(ClusterNode::isReplica).toList();

		assertThat(view).hasSize(6).noneMatch(ClusterNode::isDown);
		assertThat(masters).hasSize(3).allSatisfy(master -> assertThat(master.slots()).isNotEmpty());
		assertThat(replicas).extracting(ClusterNode::masterId)
			.containsExactlyInAnyOrderElementsOf(masters.stream().map(ClusterNode::id).toList());
		assertThat(this.stack.redisMasterPorts())
			.containsExactlyInAnyOrderElementsOf(masters.stream().map(ClusterNode::port).toList());
		for (ClusterNode replica : replicas) {
			assertThat((String) Resp.send(replica.port(), "INFO", "replication")).contains("master_link_status:up");
		}
		for (int port : ports) {
			assertThat((String) Resp.send(port, "CLUSTER", "INFO")).contains("cluster_state:ok");
		}
	}

	@Test
	void everyNodeRunsWithAofOnLoopbackAndAShortNodeTimeout() throws IOException {
		for (int port : ports(this.stack)) {
			assertThat(config(port, "appendonly")).isEqualTo("yes");
			assertThat(config(port, "appendfsync")).isEqualTo("everysec");
			assertThat(config(port, "cluster-enabled")).isEqualTo("yes");
			assertThat(Integer.parseInt(config(port, "cluster-node-timeout"))).isLessThanOrEqualTo(2000);
			assertThat(config(port, "bind")).isEqualTo("127.0.0.1");
			assertThat(config(port, "protected-mode")).isEqualTo("no");
			assertThat(config(port, "save")).isEmpty();
			assertThat(config(port, "dir")).startsWith(this.stack.workDir().toString());
		}
	}

	@Test
	void everyMasterServesSetAndGetForTheSlotsItOwns() throws IOException {
		List<Integer> masters = this.stack.redisMasterPorts();
		assertThat(masters).hasSize(3);
		for (int master : masters) {
			String key = keyOwnedBy(master);
			try (Resp resp = Resp.connect(master)) {
				assertThat(resp.call("SET", key, "served by " + master)).isEqualTo("OK");
				assertThat(resp.call("GET", key)).isEqualTo("served by " + master);
			}
		}
	}

	@Test
	void lettuceClusterClientReadsItsWritesOnEveryShard() throws IOException {
		List<RedisURI> nodes = ports(this.stack).stream().map(port -> RedisURI.create("127.0.0.1", port)).toList();
		RedisClusterClient client = RedisClusterClient.create(nodes);
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			RedisAdvancedClusterCommands<String, String> redis = connection.sync();
			List<String> keys = IntStream.range(0, 300).mapToObj(i -> "devstack:lettuce:" + i).toList();
			keys.forEach(key -> redis.set(key, key.toUpperCase()));

			assertThat(keys).allSatisfy(key -> assertThat(redis.get(key)).isEqualTo(key.toUpperCase()));
			Map<Integer, Long> keysPerMaster = keys.stream()
				.collect(Collectors.groupingBy(key -> masterOf(redis.clusterKeyslot(key).intValue()),
						Collectors.counting()));
			assertThat(keysPerMaster.keySet()).containsExactlyInAnyOrderElementsOf(this.stack.redisMasterPorts());
			redis.del(keys.toArray(String[]::new));
		}
		finally {
			client.shutdown();
		}
	}

	static List<Integer> ports(DevStack stack) {
		return Arrays.stream(stack.redisClusterNodes().split(","))
			.map(address -> Integer.parseInt(address.substring(address.indexOf(':') + 1)))
			.toList();
	}

	private static String config(int port, String parameter) throws IOException {
		List<?> reply = (List<?>) Resp.send(port, "CONFIG", "GET", parameter);
		assertThat(reply).as("CONFIG GET %s", parameter).hasSize(2);
		return (String) reply.get(1);
	}

	private int masterOf(int slot) {
		try {
			return ClusterNode.parse((String) Resp.send(this.stack.redisMasterPorts().getFirst(), "CLUSTER", "NODES"))
				.stream()
				.filter(node -> node.isMaster() && node.owns(slot))
				.map(ClusterNode::port)
				.findFirst()
				.orElseThrow();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A key whose slot the given master owns; hash tags make it easy to find one quickly.
	 */
	String keyOwnedBy(int master) throws IOException {
		Function<Integer, String> key = i -> "devstack:{" + i + "}:probe";
		for (int i = 0; i < 10_000; i++) {
			long slot = (Long) Resp.send(master, "CLUSTER", "KEYSLOT", key.apply(i));
			if (masterOf((int) slot) == master) {
				return key.apply(i);
			}
		}
		throw new IllegalStateException("No key found for master " + master);
	}

}
