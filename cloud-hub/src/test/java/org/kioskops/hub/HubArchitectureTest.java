package org.kioskops.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.kioskops.testing.ArchitectureRules;

class HubArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("org.kioskops.hub");

    @Test
    void has_no_package_cycles() {
        ArchitectureRules.noPackageCycles("org.kioskops.hub").check(CLASSES);
    }

    @Test
    void keeps_paho_californium_and_influxdb_in_their_adapters() {
        ArchitectureRules.pahoOnlyInMqttAdapters().check(CLASSES);
        ArchitectureRules.californiumOnlyInCoapAdapters().check(CLASSES);
        ArchitectureRules.influxOnlyInInfluxAdapters().check(CLASSES);
    }

    @Test
    void writes_sql_by_hand_only_in_store_adapters_and_the_ingest_path() {
        // ingest writes its batches with JDBC itself, for speed; the other features go through Hibernate
        noClasses().that().resideOutsideOfPackages("..jdbc..", "org.kioskops.hub.ingest..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("hand-written SQL belongs to a store adapter").check(CLASSES);
    }

    @Test
    void hands_devices_answers_to_the_features_that_own_their_tables() {
        noClasses().that().resideInAPackage("org.kioskops.hub.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kioskops.hub.command..", "org.kioskops.hub.twin..",
                        "org.kioskops.hub.update..", "org.kioskops.hub.audit..")
                .because("each feature writes its own tables; ingest hands them devices' answers through DeviceAnswerStore")
                .check(CLASSES);
    }

    @Test
    void serves_the_rest_api_from_services_which_never_see_its_types() {
        noClasses().that().resideOutsideOfPackage("org.kioskops.hub.api..")
                .should().dependOnClassesThat().resideInAPackage("org.kioskops.hub.api..")
                .because("REST DTOs live only in the api package; services answer in their own types").check(CLASSES);
    }

    @Test
    void never_runs_the_agent_or_the_simulator() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.kioskops.agent..", "org.kioskops.sim..")
                .because("the hub meets boxes only through the protocol").check(CLASSES);
    }
}
