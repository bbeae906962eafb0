package org.kioskops.hub.coap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;

/**
 * CBOR payloads as the contract's JSON: the same document, fewer bytes on a cellular link. A CBOR item is
 * translated to the JSON it stands for and then validated like any JSON message, so both encodings meet one
 * contract.
 */
final class CborJson {
    private static final ObjectReader CBOR = new CBORMapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CborJson() {
    }

    /**
     * The JSON bytes of one CBOR data item.
     *
     * @throws IOException when the bytes are not one well-formed CBOR item
     */
    static byte[] toJson(byte[] cbor) throws IOException {
        if (cbor.length == 0) {
            throw new IOException("empty payload");
        }
        JsonNode tree = CBOR.readValue(cbor);
        return JSON.writeValueAsBytes(tree);
    }
}
