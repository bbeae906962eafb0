/**
 * Users of the dashboard and the API: their roles, passwords (slow PBKDF2 hashes) and bearer tokens (kept as SHA-256),
 * and which role each request needs ({@link AccessPolicy}); logins and changes are audited. The filter that enforces
 * it on requests is {@code org.kioskops.hub.api.AccessFilter}. Tables: {@code app_user}, {@code api_token}.
 */
package org.kioskops.hub.access;
