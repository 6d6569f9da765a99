package io.headcount.platform.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RedisOptionsTests {

	private final RedisClusterProperties properties = new RedisClusterProperties(Duration.ofSeconds(10),
			Duration.ofSeconds(2), 2);

	@Test
	void clusterClientsRefreshTopologyAdaptivelyAndPeriodically() {
		ClusterClientOptions.Builder builder = ClusterClientOptions.builder();
		RedisAutoConfiguration.customize(builder, this.properties, Duration.ofSeconds(2), Duration.ofSeconds(2));
		ClusterClientOptions options = builder.build();

		ClusterTopologyRefreshOptions refresh = options.getTopologyRefreshOptions();
		assertThat(refresh.getAdaptiveRefreshTriggers()).containsAll(java.util.EnumSet.allOf(RefreshTrigger.class));
		assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
		assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(10));
		assertThat(refresh.getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(refresh.useDynamicRefreshSources()).isTrue();
		assertThat(options.isValidateClusterNodeMembership()).isFalse();
		assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
		assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(options.getSocketOptions().isKeepAlive()).isTrue();
	}

	@Test
	void standaloneClientsGetTimeoutsToo() {
		ClientOptions.Builder builder = ClientOptions.builder();
		RedisAutoConfiguration.customize(builder, this.properties, Duration.ofSeconds(2), Duration.ofSeconds(1));
		ClientOptions options = builder.build();
		assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
		assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void failedNodesAreNotRoutedTo() {
		RedisClusterNode healthy = node(RedisClusterNode.NodeFlag.UPSTREAM);
		RedisClusterNode failed = node(RedisClusterNode.NodeFlag.UPSTREAM, RedisClusterNode.NodeFlag.FAIL);
		RedisClusterNode suspected = node(RedisClusterNode.NodeFlag.EVENTUAL_FAIL);
		assertThat(RedisAutoConfiguration.isUsable(healthy)).isTrue();
		assertThat(RedisAutoConfiguration.isUsable(failed)).isFalse();
		assertThat(RedisAutoConfiguration.isUsable(suspected)).isFalse();
	}

	private static RedisClusterNode node(RedisClusterNode.NodeFlag... flags) {
		RedisClusterNode node = new RedisClusterNode();
		node.setFlags(java.util.EnumSet.copyOf(java.util.List.of(flags)));
		return node;
	}

	@Test
	void luaScriptsLoadFromTheFeaturePackage() {
		RedisScript<Long> script = LuaScript.load(RedisOptionsTests.class, "swap.lua").forTemplate(Long.class);
		assertThat(script.getScriptAsString()).contains("KEYS[1]");
		assertThat(script.getSha1()).hasSize(40);
		assertThat(script.getResultType()).isEqualTo(Long.class);
	}

	@Test
	void aMissingScriptFailsAtStartup() {
		assertThatIllegalStateException().isThrownBy(() -> LuaScript.load(RedisOptionsTests.class, "nope.lua"))
			.withMessageContaining("nope.lua");
	}

}
