package org.kioskops.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ProtocolArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.kioskops.protocol");

    @Test
    void has_no_package_cycles() {
        slices().matching("org.kioskops.protocol.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void is_the_contract_alone_knowing_no_transport_and_no_other_module() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..", "org.eclipse.californium..",
                "com.pi4j..", "com.influxdb..", "java.sql..", "org.kioskops.hub..", "org.kioskops.agent..", "org.kioskops.sim..")
                .because("the agent, the hub, the simulator and third-party devices share this contract")
                .check(CLASSES);
    }
}
