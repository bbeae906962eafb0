package org.kioskops.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import org.kioskops.sim.FleetPlan;

/** The fleet plan of a scenario: its site tree under a namespace of its own, and its kiosks in fleet order. */
final class ScenarioFleet {
    private ScenarioFleet() {
    }

    /** Kiosk {@code n} (from 1) is {@code {namespace}kiosk-000n}. */
    static FleetPlan plan(Scenario s, String namespace) {
        List<FleetPlan.SiteNode> sites = new ArrayList<>();
        List<FleetPlan.KioskPlan> kiosks = new ArrayList<>();
        String city = namespace + "city";
        sites.add(new FleetPlan.SiteNode(city, "city", "Scenario " + s.name(), null));
        int d = 0;
        int st = 0;
        int c = 0;
        int site = 0;
        for (Scenario.District district : s.districts()) {
            String districtId = namespace + "district-" + ++d;
            sites.add(new FleetPlan.SiteNode(districtId, "district", district.name(), city));
            for (Scenario.Street street : district.streets()) {
                String streetId = namespace + "street-" + ++st;
                sites.add(new FleetPlan.SiteNode(streetId, "street", street.name(), districtId));
                for (Scenario.Community community : street.communities()) {
                    String communityId = namespace + "community-" + ++c;
                    sites.add(new FleetPlan.SiteNode(communityId, "community", community.name(), streetId));
                    for (int i = 1; i <= community.sites(); i++) {
                        String siteId = namespace + "site-" + ++site;
                        sites.add(new FleetPlan.SiteNode(siteId, "site", community.name() + " 智慧屋 " + i, communityId));
                        for (int k = 0; k < community.kiosksPerSite(); k++) {
                            kiosks.add(new FleetPlan.KioskPlan(deviceId(namespace, kiosks.size() + 1), siteId, "sim-kiosk-v1",
                                    community.lockers(), community.health()));
                        }
                    }
                }
            }
        }
        return new FleetPlan(List.copyOf(sites), List.copyOf(kiosks));
    }

    static String deviceId(String namespace, int n) {
        return String.format("%skiosk-%04d", namespace, n);
    }
}
