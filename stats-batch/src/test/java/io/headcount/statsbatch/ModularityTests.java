package io.headcount.statsbatch;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The build checks the package boundaries (Spring Modulith): no cycles between the
 * feature packages, and no package reaching into another's internals (its sub-packages).
 */
class ModularityTests {

	@Test
	void packagesHaveNoCyclesAndUseOnlyEachOthersApi() {
		ApplicationModules.of(StatsBatchApplication.class).verify();
	}

}
