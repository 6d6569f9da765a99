package io.headcount.devstack;

import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * {@link WithDevStack#own()}: starts a stack for this test class's context, adds its
 * properties as the first property source and registers it as the bean
 * {@value #BEAN_NAME}. The stack is the first disposable bean, so it is destroyed last,
 * after the clients that use it. The test class is a component, so no other class shares
 * the context.
 */
record OwnDevStackContextCustomizer(Class<?> testClass) implements ContextCustomizer {

	static final String BEAN_NAME = "ownDevStack";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		DevStack stack = DevStack.start(DevStackOptions.defaults());
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(DevStackContextCustomizer.PROPERTY_SOURCE_NAME,
					Map.copyOf(stack.springProperties())));
		DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
		beans.registerSingleton(BEAN_NAME, stack);
		beans.registerDisposableBean(BEAN_NAME, stack::close);
		// at JVM exit (a context Spring's cache still holds) the stack waits for it
		stack.addUser(context::isActive);
	}

}
