package io.headcount.platform.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.headcount.devstack.DevStack;
import io.headcount.devstack.WithDevStack;
import io.headcount.platform.testapp.PlatformTestApplication;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/** The platform's Lettuce tuning on the real Redis Cluster that devstack runs. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "headcount.events.create-topics=false")
@WithDevStack
class RedisClusterIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Test
	void luaScriptRunsAtomicallyOverHashTaggedKeys() {
		RedisScript<Long> swap = LuaScript.load(RedisClusterIntegrationTests.class, "swap.lua").forTemplate(Long.class);
		String tag = "{test:" + UUID.randomUUID() + "}";
		List<String> keys = List.of("platform:" + tag + ":from", "platform:" + tag + ":to");
		this.redis.opsForList().rightPushAll(keys.get(0), "a", "b");

		assertThat(this.redis.execute(swap, keys)).isEqualTo(1L);
		assertThat(this.redis.execute(swap, keys)).isEqualTo(2L);
		assertThat(this.redis.execute(swap, keys)).isEqualTo(-1L);
		assertThat(this.redis.opsForList().range(keys.get(1), 0, -1)).containsExactly("a", "b");
		this.redis.delete(keys);
	}

	@Test
	void keysWithoutACommonHashTagCannotShareAScript() {
		RedisScript<Long> swap = LuaScript.load(RedisClusterIntegrationTests.class, "swap.lua").forTemplate(Long.class);
		List<String> keys = List.of("platform:untagged:" + UUID.randomUUID(), "platform:untagged:" + UUID.randomUUID());
		assertThat(SlotHash.getSlot(keys.get(0))).isNotEqualTo(SlotHash.getSlot(keys.get(1)));
		assertThatException().isThrownBy(() -> this.redis.execute(swap, keys));
	}

	/**
	 * A master is killed while commands stream to a key it owns: commands fail fast
	 * (never hang past the command timeout) and succeed again once the replica is
	 * promoted and the client has noticed.
	 */
	@Test
	void clientRecoversFromAMasterFailover() {
		DevStack stack = DevStack.shared();
		String key = "platform:failover:" + UUID.randomUUID();
		int slot = SlotHash.getSlot(key);
		this.redis.opsForValue().set(key, "0");

		long killedAt = System.nanoTime();
		int killedPort = stack.killRedisMaster(slot);
		List<Long> failureMillis = new ArrayList<>();
		long[] recoveredAt = { 0 };
		long[] slowest = { 0 };
		try {
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
				long started = System.nanoTime();
				try {
					this.redis.opsForValue().increment(key);
					recoveredAt[0] = System.nanoTime();
					return true;
				}
				catch (RuntimeException ex) {
					failureMillis.add((System.nanoTime() - started) / 1_000_000);
					return false;
				}
				finally {
					slowest[0] = Math.max(slowest[0], System.nanoTime() - started);
				}
			});
		}
		finally {
			stack.restartRedisNode(killedPort);
		}
		Duration outage = Duration.ofNanos(recoveredAt[0] - killedAt);
		Duration slowestCommand = Duration.ofNanos(slowest[0]);
		System.out.printf(
				"Redis failover: master on port %d killed, writes to slot %d failed for %d ms "
						+ "(%d failed commands, slowest command %d ms)%n",
				killedPort, slot, outage.toMillis(), failureMillis.size(), slowestCommand.toMillis());

		assertThat(outage).isLessThan(Duration.ofSeconds(10));
		// spring.data.redis.timeout is 2 s: a command never hangs much longer
		assertThat(slowestCommand).as("no command hangs past the 2 s timeout by much")
			.isLessThan(Duration.ofSeconds(6));
		assertThat(this.redis.opsForValue().get(key)).isNotNull();
		// and the restarted node is back as a replica: the cluster serves every slot
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.redisMasterPorts()).hasSize(3));
		this.redis.delete(key);
	}

}
