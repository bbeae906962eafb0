/**
 * File-system adapter of the {@code ArtifactStore} port: each command's upload as {@code <dir>/<commandId>.bin},
 * written to a temporary file and renamed once complete.
 */
package org.kioskops.hub.command.file;
