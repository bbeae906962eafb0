package org.kioskops.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** An enumeration with a stable lower-case wire value, independent of the Java constant name. */
public interface WireEnum {
    /** The value as it appears in JSON. */
    @JsonValue
    String wire();

    /** The constant of {@code type} whose wire value is {@code wire}, if any. */
    static <E extends Enum<E> & WireEnum> Optional<E> fromWire(Class<E> type, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wire)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
