package org.kioskops.hub.device;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the device registry. */
public enum DeviceError implements ErrorCode {
    DEVICE_NOT_FOUND(new Spec("device_not_found", 404, "No such device")),
    INVALID_DEVICE(new Spec("invalid_device", 400, "Invalid device")),
    SITE_REQUIRED(new Spec("site_required", 422, "Devices are registered on a site (kind 'site')")),
    INVALID_FILTER(new Spec("invalid_filter", 400, "Invalid filter"));

    private final Spec spec;

    DeviceError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
