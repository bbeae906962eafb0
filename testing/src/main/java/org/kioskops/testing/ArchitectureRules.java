package org.kioskops.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The structure every module keeps, as ArchUnit rules its build checks: packages without cycles, and each
 * technology's library used only by the adapter package named after it, so that the domain sees protocol records.
 */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** The module's production classes under {@code rootPackage}, tests left out. */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(rootPackage);
    }

    /** No cycle between the packages under {@code rootPackage}, each sub-package counted on its own. */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(**)").should().beFreeOfCycles()
                .because("a package cycle makes every package in it change with the others");
    }

    /** Eclipse Paho only in packages named {@code mqtt}. */
    public static ArchRule pahoOnlyInMqttAdapters() {
        return libraryOnlyIn("org.eclipse.paho..", "..mqtt..", "Paho");
    }

    /** Eclipse Californium and Scandium only in packages named {@code coap}. */
    public static ArchRule californiumOnlyInCoapAdapters() {
        return libraryOnlyIn("org.eclipse.californium..", "..coap..", "Californium");
    }

    /** Pi4J only in packages named {@code pi4j}. */
    public static ArchRule pi4jOnlyInPi4jAdapters() {
        return libraryOnlyIn("com.pi4j..", "..pi4j..", "Pi4J");
    }

    /** influxdb-client-java only in packages named {@code influx}. */
    public static ArchRule influxOnlyInInfluxAdapters() {
        return libraryOnlyIn("com.influxdb..", "..influx..", "InfluxDB's client");
    }

    private static ArchRule libraryOnlyIn(String library, String adapterPackages, String name) {
        return noClasses().that().resideOutsideOfPackage(adapterPackages)
                .should().dependOnClassesThat().resideInAPackage(library)
                .because(name + " is an adapter's concern: the rest of the code sees protocol records and ports");
    }
}
