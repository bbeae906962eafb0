package org.kioskops.hub.update;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the release and update API. */
public enum UpdateError implements ErrorCode {
    INVALID_RELEASE(new Spec("invalid_release", 400, "The release is not valid")),
    BAD_SIGNATURE(new Spec("bad_signature", 422, "The signature does not verify against any trusted release key")),
    UNSIGNED_RELEASE(new Spec("unsigned_release", 422, "The release has no signature and the hub holds no key to sign it")),
    RELEASE_EXISTS(new Spec("release_exists", 409, "A release of this kind and version exists")),
    RELEASE_NOT_FOUND(new Spec("release_not_found", 404, "No such release")),
    RELEASE_TOO_LARGE(new Spec("release_too_large", 413, "The release is larger than allowed")),
    RANGE_NOT_SATISFIABLE(new Spec("range_not_satisfiable", 416, "The requested range is outside the file")),
    INVALID_CAMPAIGN(new Spec("invalid_campaign", 400, "The campaign is not valid")),
    EMPTY_TARGET(new Spec("empty_target", 422, "No device matches the campaign's target")),
    DEVICE_BUSY(new Spec("device_busy", 409, "Devices of the target are updating in another campaign")),
    CAMPAIGN_NOT_FOUND(new Spec("campaign_not_found", 404, "No such campaign")),
    CAMPAIGN_STATE(new Spec("campaign_state", 409, "The campaign's state does not allow this")),
    NO_PUBLIC_URL(new Spec("no_public_url", 422, "Devices cannot be told where to download: kioskops.uploads.public-url is not set"));

    private final Spec spec;

    UpdateError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
