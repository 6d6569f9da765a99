package io.headcount.devstack;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: gives every test class annotated (or
 * meta-annotated) with {@link WithDevStack} a {@link DevStackContextCustomizer}.
 */
class DevStackContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		WithDevStack devStack = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithDevStack.class);
		if (devStack == null) {
			return null;
		}
		return devStack.own() ? new OwnDevStackContextCustomizer(testClass) : new DevStackContextCustomizer();
	}

}
