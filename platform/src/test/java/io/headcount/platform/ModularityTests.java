package io.headcount.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Platform has no application class for Spring Modulith to start from: ArchUnit checks
 * that its packages are free of cycles.
 */
class ModularityTests {

	private static final JavaClasses platform = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.headcount.platform");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.headcount.platform.(*)..").should().beFreeOfCycles().check(platform);
	}

}
