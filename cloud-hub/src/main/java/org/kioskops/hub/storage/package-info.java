/**
 * File helpers shared by the hub's file adapters ({@code command.file}, {@code update.file}): {@link HashedFiles}
 * writes a file whole or not at all, computing its SHA-256 on the way.
 */
package org.kioskops.hub.storage;
