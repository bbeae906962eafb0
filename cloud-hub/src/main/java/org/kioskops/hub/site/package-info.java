/**
 * The site hierarchy (city, district, street, community, site) with device counts rolled up the tree, and each
 * subtree's service hours and holidays, outside which a dark screen is normal. Caches every site's ancestry for the
 * ingest path ({@link SitePlaces}) and learns device counts through the {@link SiteOccupancy} port, so that it knows
 * nothing of the device tables. Tables: {@code site_node}, {@code service_hours}, {@code service_holiday}.
 */
package org.kioskops.hub.site;
