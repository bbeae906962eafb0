/**
 * Who answers for what at a site: per {@link Concern}, the organisation set on a node of the site tree covers
 * everything below it unless a nearer node sets its own; changes are audited. Alerts use it to find an alert's owner
 * and to raise {@code owner_missing} for sites nobody answers for. Table: {@code site_owner}.
 */
package org.kioskops.hub.owner;
