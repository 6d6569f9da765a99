package io.headcount.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(WithDevStackTests.EmptyConfiguration.class)
@TestPropertySource(properties = "spring.kafka.bootstrap-servers=somewhere-else:9092")
@WithDevStack
class WithDevStackTests {

	@Autowired
	ConfigurableEnvironment environment;

	@Test
	void stackPropertiesAreTheHighestPrecedencePropertySource() {
		assertThat(this.environment.getPropertySources().iterator().next().getName()).isEqualTo("devstack");
		assertThat(DevStack.shared().springProperties())
			.containsOnlyKeys("spring.data.redis.cluster.nodes", "spring.kafka.bootstrap-servers",
					"management.influx.metrics.export.uri", "management.influx.metrics.export.db",
					"management.influx.metrics.export.enabled")
			.allSatisfy((key, value) -> assertThat(this.environment.getProperty(key)).isEqualTo(value));
		assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers"))
			.isEqualTo(DevStack.shared().kafkaBootstrapServers());
	}

	@Test
	void annotatedAndMetaAnnotatedClassesGetEqualCustomizersSoContextsAreCached() {
		DevStackContextCustomizerFactory factory = new DevStackContextCustomizerFactory();

		ContextCustomizer direct = factory.createContextCustomizer(WithDevStackTests.class, List.of());
		ContextCustomizer meta = factory.createContextCustomizer(MetaAnnotated.class, List.of());
		ContextCustomizer inherited = factory.createContextCustomizer(Inheriting.class, List.of());

		assertThat(direct).isNotNull().isEqualTo(meta).isEqualTo(inherited).hasSameHashCodeAs(meta);
		assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@WithDevStack
	@interface UsesRealServers {

	}

	@UsesRealServers
	static class MetaAnnotated {

	}

	static class Inheriting extends WithDevStackTests {

	}

	static class Plain {

	}

}
