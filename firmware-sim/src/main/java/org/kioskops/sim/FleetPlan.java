package org.kioskops.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated city's kiosk fleet: the site hierarchy (city, districts, streets, communities, sites) and
 * the kiosks on each site. Generated from a seed, so the same options give the same fleet.
 */
public record FleetPlan(List<SiteNode> sites, List<KioskPlan> kiosks) {

    /** One node of the site tree; {@code kind} is city, district, street, community or site. */
    public record SiteNode(String id, String kind, String name, String parentId) {
    }

    /** One kiosk: its site, model, locker banks (compartments per bank) and whether it has a health station. */
    public record KioskPlan(String deviceId, String siteId, String hardwareModel, List<Integer> banks, boolean healthStation) {
    }

    private static final String[] DISTRICTS = {"东城区 Dongcheng", "西城区 Xicheng", "南湖区 Nanhu", "北山区 Beishan",
        "滨江区 Binjiang", "高新区 Gaoxin"};
    private static final String[] COMMUNITIES = {"幸福里 Xingfuli", "和平苑 Hepingyuan", "阳光花园 Yangguang Garden",
        "翠竹社区 Cuizhu", "金桂园 Jingui", "春晓社区 Chunxiao", "枫林苑 Fenglin", "滨河社区 Binhe", "杏坛社区 Xingtan",
        "安居苑 Anju", "锦绣社区 Jinxiu", "青松社区 Qingsong"};

    /**
     * Generates a fleet.
     *
     * @param kiosks      number of kiosks, spread evenly over the sites
     * @param communities number of communities; one site (智慧屋) each, districts of up to three communities
     */
    public static FleetPlan generate(int kiosks, int communities, long seed, String prefix) {
        return generate(kiosks, communities, seed, prefix, "");
    }

    /**
     * Generates a fleet whose site ids start with {@code namespace} (for example {@code "run7-"}), so that
     * several fleets can share one hub.
     */
    public static FleetPlan generate(int kiosks, int communities, long seed, String prefix, String namespace) {
        if (kiosks < 1 || communities < 1) {
            throw new IllegalArgumentException("need at least one kiosk and one community");
        }
        Random random = new Random(seed);
        List<SiteNode> sites = new ArrayList<>();
        String city = namespace + "city";
        sites.add(new SiteNode(city, "city", "示范市 Demo City", null));
        List<String> siteIds = new ArrayList<>();
        int districts = (communities + 2) / 3;
        for (int d = 1; d <= districts; d++) {
            String districtId = namespace + "district-" + d;
            sites.add(new SiteNode(districtId, "district", DISTRICTS[(d - 1) % DISTRICTS.length] + suffix(d, DISTRICTS.length), city));
            String streetId = namespace + "street-" + d;
            sites.add(new SiteNode(streetId, "street", "街道 Street " + d, districtId));
            for (int c = (d - 1) * 3 + 1; c <= Math.min(communities, d * 3); c++) {
                String communityId = namespace + "community-" + c;
                sites.add(new SiteNode(communityId, "community",
                        COMMUNITIES[(c - 1) % COMMUNITIES.length] + suffix(c, COMMUNITIES.length), streetId));
                String siteId = namespace + "site-" + c;
                sites.add(new SiteNode(siteId, "site", "智慧屋 Smart House " + c, communityId));
                siteIds.add(siteId);
            }
        }
        List<KioskPlan> plans = new ArrayList<>();
        for (int k = 1; k <= kiosks; k++) {
            int banks = 1 + random.nextInt(2);
            List<Integer> compartments = new ArrayList<>();
            for (int b = 0; b < banks; b++) {
                compartments.add(new int[] {12, 16, 24}[random.nextInt(3)]);
            }
            plans.add(new KioskPlan(String.format("%s-%04d", prefix, k), siteIds.get((k - 1) % siteIds.size()),
                    "sim-kiosk-v1", List.copyOf(compartments), random.nextInt(3) > 0));
        }
        return new FleetPlan(List.copyOf(sites), List.copyOf(plans));
    }

    private static String suffix(int n, int names) {
        return n > names ? " " + ((n - 1) / names + 1) : "";
    }
}
