package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RedisFailoverIntegrationTests {

	private final DevStack stack = DevStack.shared();

	@Test
	void replicaTakesOverAKilledMasterAndTheRestartedNodeRejoinsAsItsReplica() throws IOException {
		int slot = 12_345;
		List<Integer> mastersBefore = this.stack.redisMasterPorts();

		int killed = this.stack.killRedisMaster(slot);

		assertThat(mastersBefore).contains(killed);
		assertThat(refusesConnections(killed)).as("killed node's port is closed").isTrue();
		await("a replica takes over slot " + slot).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(this.stack.redisMasterPorts()).hasSize(3).doesNotContain(killed));

		this.stack.restartRedisNode(killed);

		assertThat((List<?>) Resp.send(killed, "ROLE")).first().isEqualTo("slave");
		assertThat(this.stack.redisMasterPorts()).hasSize(3).doesNotContain(killed);
		assertThat(RedisClusterIntegrationTests.ports(this.stack)).contains(killed);
		int owner = this.stack.redisMasterPorts().stream().filter(port -> owns(port, slot)).findFirst().orElseThrow();
		String key = new RedisClusterIntegrationTests().keyOwnedBy(owner);
		try (Resp resp = Resp.connect(owner)) {
			assertThat(resp.call("SET", key, "after failover")).isEqualTo("OK");
			assertThat(resp.call("GET", key)).isEqualTo("after failover");
		}
	}

	@Test
	void killRedisMasterRejectsASlotOutsideTheCluster() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.stack.killRedisMaster(16_384))
			.withMessageContaining("16383");
	}

	@Test
	void restartRedisNodeRejectsAPortThatIsNoNodeOfTheStack() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.stack.restartRedisNode(1))
			.withMessageContaining("No devstack Redis node on port 1");
	}

	private static boolean owns(int port, int slot) {
		try {
			return ClusterNode.parse((String) Resp.send(port, "CLUSTER", "NODES"))
				.stream()
				.anyMatch(node -> node.flags().contains("myself") && node.owns(slot));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean refusesConnections(int port) {
		try (Resp resp = Resp.connect(port)) {
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
