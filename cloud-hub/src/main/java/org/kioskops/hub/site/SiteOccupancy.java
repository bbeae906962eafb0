package org.kioskops.hub.site;

import java.util.Map;

/**
 * How many devices each site holds, as the site tree shows them. Devices belong to sites, not the reverse: the
 * device feature answers this port, so that sites know nothing of its tables.
 */
public interface SiteOccupancy {
    /** Key under which devices without a site are counted. */
    String NO_SITE = "";

    /** Counts per site id; devices without a site under {@link #NO_SITE}. Rejected devices are not counted. */
    Map<String, DeviceCounts> bySite();

    /** Whether any device, of any registration state, is placed at the site. */
    boolean anyAt(String siteId);
}
