package org.kioskops.hub.site;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the site hierarchy. */
public enum SiteError implements ErrorCode {
    SITE_NOT_FOUND("site_not_found", 404, "No such site"),
    INVALID_SITE("invalid_site", 400, "Invalid site"),
    PARENT_NOT_FOUND("parent_not_found", 422, "Parent site does not exist"),
    HIERARCHY_VIOLATION("hierarchy_violation", 422, "Parent is not one level up"),
    KIND_CHANGE("kind_change", 409, "A site's kind cannot change"),
    SITE_NOT_EMPTY("site_not_empty", 409, "Site still has children or devices");

    private final String code;
    private final int status;
    private final String title;

    SiteError(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int httpStatus() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
