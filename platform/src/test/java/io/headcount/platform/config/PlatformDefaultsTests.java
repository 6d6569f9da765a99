package io.headcount.platform.config;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformDefaultsTests {

	@Test
	void defaultsApplyButAnythingAServiceSetsWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("management.influx.metrics.export.step", "10s")));
		new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("management.influx.metrics.export.step")).isEqualTo("10s");
		assertThat(environment.getProperty("spring.mvc.problemdetails.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("management.influx.metrics.export.api-version")).isEqualTo("v1");
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,redis");
		assertThat(environment.getProperty("spring.data.redis.timeout")).isEqualTo("2s");
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(PlatformDefaults.SOURCE_NAME);
	}

	@Test
	void registeredForBoot4UnderItsNewInterface() throws Exception {
		Properties factories = PropertiesLoaderUtils.loadProperties(
				new ClassPathResource("META-INF/spring.factories", PlatformDefaults.class.getClassLoader()));
		assertThat(EnvironmentPostProcessor.class.getName())
			.isEqualTo("org.springframework.boot.EnvironmentPostProcessor");
		assertThat(factories.getProperty(EnvironmentPostProcessor.class.getName()))
			.contains(PlatformDefaults.class.getName());
	}

}
