package org.kioskops.agent.command;

import java.io.IOException;

/** Sends what a command collected to the upload URL the command carries. */
@FunctionalInterface
public interface Uploader {
    /** Uploads {@code content}; fails when the hub did not accept it. */
    void put(String url, String contentType, byte[] content) throws IOException;
}
