package org.kioskops.hub.site;

/** Fired after a change to the site tree commits, so that caches of site ancestry are rebuilt. */
public record SitesChanged() {
}
