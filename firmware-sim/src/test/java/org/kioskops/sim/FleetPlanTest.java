package org.kioskops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetPlanTest {

    @Test
    void builds_a_complete_site_tree_with_every_kiosk_on_a_site() {
        FleetPlan plan = FleetPlan.generate(20, 4, 42, "kiosk");

        Map<String, FleetPlan.SiteNode> byId = plan.sites().stream()
                .collect(Collectors.toMap(FleetPlan.SiteNode::id, Function.identity()));
        assertThat(plan.kiosks()).hasSize(20);
        assertThat(plan.sites()).filteredOn(s -> s.kind().equals("community")).hasSize(4);
        assertThat(plan.sites()).filteredOn(s -> s.kind().equals("city")).singleElement()
                .satisfies(c -> assertThat(c.parentId()).isNull());
        assertThat(plan.sites()).filteredOn(s -> s.parentId() != null)
                .allSatisfy(s -> assertThat(byId).containsKey(s.parentId()));
        assertThat(plan.kiosks()).allSatisfy(k -> assertThat(byId.get(k.siteId()).kind()).isEqualTo("site"));
        assertThat(plan.kiosks()).extracting(FleetPlan.KioskPlan::siteId).containsOnly("site-1", "site-2", "site-3", "site-4");
        assertThat(plan.kiosks().get(0).deviceId()).isEqualTo("kiosk-0001");
    }

    @Test
    void lists_parents_before_children_so_they_can_be_registered_in_order() {
        FleetPlan plan = FleetPlan.generate(5, 7, 1, "k");

        Set<String> seen = new HashSet<>();
        for (FleetPlan.SiteNode site : plan.sites()) {
            assertThat(site.parentId() == null || seen.contains(site.parentId())).as(site.id()).isTrue();
            seen.add(site.id());
        }
    }

    @Test
    void the_same_seed_gives_the_same_fleet() {
        assertThat(FleetPlan.generate(30, 5, 7, "k")).isEqualTo(FleetPlan.generate(30, 5, 7, "k"));
        assertThat(FleetPlan.generate(30, 5, 7, "k")).isNotEqualTo(FleetPlan.generate(30, 5, 8, "k"));
    }
}
