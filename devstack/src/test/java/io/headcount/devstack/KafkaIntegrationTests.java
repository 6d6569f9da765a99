package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaIntegrationTests {

	private final DevStack stack = DevStack.shared();

	@Test
	void recordsProducedWithAcksAllAreConsumedByAConsumerGroup() throws Exception {
		String topic = "devstack.round-trip." + UUID.randomUUID();

		produce(topic, "key-1", "hello");
		produce(topic, "key-2", "world");

		assertThat(consumeValues(topic, 2)).containsExactly("hello", "world");
	}

	@Test
	void brokerComesBackOnTheSameAddressWithItsTopics() throws Exception {
		String bootstrap = this.stack.kafkaBootstrapServers();
		String topic = "devstack.restart." + UUID.randomUUID();
		produce(topic, "k", "before the outage");

		this.stack.stopKafka();
		assertThat(accepts(bootstrap)).as("broker port closed while stopped").isFalse();
		this.stack.startKafka();

		assertThat(this.stack.kafkaBootstrapServers()).isEqualTo(bootstrap);
		produce(topic, "k", "after the outage");
		assertThat(consumeValues(topic, 2)).containsExactly("before the outage", "after the outage");
	}

	@Test
	void brokerRunsInItsOwnJvmFromThisJavaHomeWithASmallHeap() {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		assertThat(this.stack.processes()).anySatisfy(process -> {
			assertThat(process.info().command()).contains(java);
			assertThat(process.info().arguments().orElseThrow()).contains("-Xmx512m", KafkaBrokerMain.class.getName());
			assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());
		});
	}

	private void produce(String topic, String key, String value) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafkaBootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
	}

	private List<String> consumeValues(String topic, int expected) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafkaBootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "devstack-test-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await("records on " + topic).atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				return values.size() >= expected;
			});
		}
		return values;
	}

	private static boolean accepts(String address) {
		int colon = address.lastIndexOf(':');
		try (Socket socket = new Socket()) {
			socket.connect(
					new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
					1000);
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

}
