package org.kioskops.hub.command;

import org.kioskops.hub.error.ErrorCode;

/** Errors of the command API. */
public enum CommandError implements ErrorCode {
    INVALID_COMMAND(new Spec("invalid_command", 400, "The command is not valid")),
    COMMAND_NOT_FOUND(new Spec("command_not_found", 404, "No such command")),
    DEVICE_NOT_FOUND(new Spec("device_not_found", 404, "No such device")),
    NOT_CANCELLABLE(new Spec("not_cancellable", 409, "The command was already sent to the device")),
    UPLOAD_REFUSED(new Spec("upload_refused", 403, "No upload is expected with this token")),
    UPLOAD_TOO_LARGE(new Spec("upload_too_large", 413, "The upload is larger than allowed"));

    private final Spec spec;

    CommandError(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
