package io.headcount.devstack;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the shared devstack's properties as the first (highest-precedence) property
 * source. The stack starts here, when a context is actually built, not when Spring merely
 * inspects the test class. A record without components: all instances are equal, so
 * contexts that differ only by this customizer share Spring's context cache.
 */
record DevStackContextCustomizer() implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "devstack";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.copyOf(DevStack.shared().springProperties())));
		// at JVM exit the stack waits for this context to finish closing before stopping
		// the servers
		DevStack.shared().addUser(context::isActive);
	}

}
