package org.kioskops.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.kioskops.testing.ArchitectureRules;

class SimArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("org.kioskops.sim");

    @Test
    void has_no_package_cycles() {
        ArchitectureRules.noPackageCycles("org.kioskops.sim").check(CLASSES);
    }

    @Test
    void keeps_paho_and_californium_in_their_adapters() {
        ArchitectureRules.pahoOnlyInMqttAdapters().check(CLASSES);
        ArchitectureRules.californiumOnlyInCoapAdapters().check(CLASSES);
    }

    @Test
    void runs_the_real_agent_but_never_the_hub_code() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.kioskops.hub..")
                .because("the simulator meets the hub as devices and operators do: over MQTT, CoAP and its REST API")
                .check(CLASSES);
    }
}
