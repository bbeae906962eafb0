package org.kioskops.connectivity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ConnectivityArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.kioskops.connectivity");

    @Test
    void has_no_package_cycles() {
        slices().matching("org.kioskops.connectivity.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void imports_paho_only_in_its_mqtt_package_and_knows_no_module_that_uses_it() {
        noClasses().that().resideOutsideOfPackage("org.kioskops.connectivity.mqtt..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..")
                .because("the backoff serves CoAP too").check(CLASSES);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.kioskops.hub..", "org.kioskops.agent..", "org.kioskops.sim..")
                .because("hub, agent and simulator build on it").check(CLASSES);
    }
}
