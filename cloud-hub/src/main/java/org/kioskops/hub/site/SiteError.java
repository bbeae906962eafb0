package org.kioskops.hub.site;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the site hierarchy. */
public enum SiteError implements ErrorCode {
    SITE_NOT_FOUND(new Spec("site_not_found", 404, "No such site")),
    INVALID_SITE(new Spec("invalid_site", 400, "Invalid site")),
    PARENT_NOT_FOUND(new Spec("parent_not_found", 422, "Parent site does not exist")),
    HIERARCHY_VIOLATION(new Spec("hierarchy_violation", 422, "Parent is not one level up")),
    KIND_CHANGE(new Spec("kind_change", 409, "A site's kind cannot change")),
    SITE_NOT_EMPTY(new Spec("site_not_empty", 409, "Site still has children or devices"));

    private final Spec spec;

    SiteError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
