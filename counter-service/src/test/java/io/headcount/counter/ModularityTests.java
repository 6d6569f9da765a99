package io.headcount.counter;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The features of counter-service ({@code counters}, {@code live}, {@code series},
 * {@code fastlane}) as Spring Modulith sees them: no cycles between them, and none
 * reaches into another's sub-packages (the counters' Redis store, {@code counters.store},
 * is reached only through {@code CounterService}).
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(CounterApplication.class);

	@Test
	void featuresHaveNoCyclesAndUseOnlyEachOthersPublicPackages() {
		this.modules.verify();
	}

}
