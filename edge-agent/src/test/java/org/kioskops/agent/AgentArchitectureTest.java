package org.kioskops.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.kioskops.testing.ArchitectureRules;

class AgentArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("org.kioskops.agent");

    @Test
    void has_no_package_cycles() {
        ArchitectureRules.noPackageCycles("org.kioskops.agent").check(CLASSES);
    }

    @Test
    void keeps_paho_californium_and_pi4j_in_their_adapters() {
        ArchitectureRules.pahoOnlyInMqttAdapters().check(CLASSES);
        ArchitectureRules.californiumOnlyInCoapAdapters().check(CLASSES);
        ArchitectureRules.pi4jOnlyInPi4jAdapters().check(CLASSES);
    }

    @Test
    void knows_nothing_of_the_hub_or_the_simulator() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.kioskops.hub..", "org.kioskops.sim..")
                .because("a box runs the agent alone; it meets the hub only through the protocol").check(CLASSES);
    }
}
