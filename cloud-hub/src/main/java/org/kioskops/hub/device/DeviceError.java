package org.kioskops.hub.device;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the device registry. */
public enum DeviceError implements ErrorCode {
    DEVICE_NOT_FOUND("device_not_found", 404, "No such device"),
    INVALID_DEVICE("invalid_device", 400, "Invalid device"),
    SITE_REQUIRED("site_required", 422, "Devices are registered on a site (kind 'site')"),
    INVALID_FILTER("invalid_filter", 400, "Invalid filter");

    private final String code;
    private final int status;
    private final String title;

    DeviceError(String code, int status, String title) {
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
