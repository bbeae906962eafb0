/**
 * File-system adapter of the {@code ReleaseStore} port: release files as {@code <dir>/<sha256>.bin}, written to a
 * temporary file and renamed once complete.
 */
package org.kioskops.hub.update.file;
