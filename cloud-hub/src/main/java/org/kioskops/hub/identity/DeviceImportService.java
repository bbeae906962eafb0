package org.kioskops.hub.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.DeviceService;
import org.kioskops.hub.error.HubException;

/**
 * Registers devices in bulk from CSV ({@code device_id,site_id,hardware_model}, with that header). Idempotent:
 * importing the same file again changes nothing and issues no new secret, unless rotation is asked for. Bad lines are reported with
 * their number and reason; the good ones are imported, all in one transaction.
 */
@ApplicationScoped
public class DeviceImportService {
    /** Most lines in one import. */
    public static final int MAX_LINES = 50_000;

    @Inject
    DeviceService devices;

    @Inject
    CredentialService credentials;

    @Inject
    AuditLog audit;

    @Inject
    Event<AccessChanged> changes;

    /** One refused line. */
    public record LineError(int line, String deviceId, String reason) {
    }

    /** What an import did; {@code credentials} are the secrets issued now, shown this once. */
    public record Result(int created, int updated, int unchanged, int credentialsIssued, List<LineError> errors,
                         List<CredentialService.Issued> credentials) {
    }

    /** Which devices of an import get a new secret. */
    public enum Credentials {
        /** None. */
        NONE,
        /** Those without active credentials. */
        MISSING,
        /** Every device of the import; earlier secrets stop working. */
        ROTATE
    }

    @Transactional
    public Result importCsv(String csv, Credentials issue, String actor) {
        List<String> lines = csv == null ? List.of() : csv.lines().toList();
        if (lines.isEmpty()) {
            throw new HubException(IdentityError.INVALID_IMPORT, "empty body; expected CSV with header device_id,site_id,hardware_model");
        }
        List<String> header = fields(lines.get(0)).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int idColumn = header.indexOf("device_id");
        int siteColumn = header.indexOf("site_id");
        int modelColumn = header.indexOf("hardware_model");
        if (idColumn < 0 || siteColumn < 0) {
            throw new HubException(IdentityError.INVALID_IMPORT, "the first line must name the columns: device_id,site_id,hardware_model");
        }
        if (lines.size() - 1 > MAX_LINES) {
            throw new HubException(IdentityError.INVALID_IMPORT, "at most " + MAX_LINES + " devices per import");
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<LineError> errors = new ArrayList<>();
        List<CredentialService.Issued> issued = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = fields(lines.get(i));
            String id = value(f, idColumn);
            String site = value(f, siteColumn);
            String model = value(f, modelColumn);
            if (id != null && !seen.add(id)) {
                errors.add(new LineError(i + 1, id, "device id appears twice in this import"));
                continue;
            }
            Optional<HubException> problem = devices.registrationProblem(id, site, model);
            if (problem.isPresent()) {
                errors.add(new LineError(i + 1, id, problem.get().getMessage()));
                continue;
            }
            DeviceService.Upsert result = devices.register(id, site, model);
            if (result.created()) {
                created++;
            } else if (result.changed()) {
                updated++;
            } else {
                unchanged++;
            }
            if (issue == Credentials.ROTATE || issue == Credentials.MISSING && !credentials.hasActive(id)) {
                String secret = SecretHasher.newSecret();
                issued.add(credentials.store(id, SecretHasher.hash(secret), secret, actor));
            }
        }
        audit.record(actor, "devices.imported", "import", String.format(
                "%d created, %d updated, %d unchanged, %d credentials issued, %d lines refused",
                created, updated, unchanged, issued.size(), errors.size()));
        if (!issued.isEmpty()) {
            changes.fire(new AccessChanged("import"));
        }
        return new Result(created, updated, unchanged, issued.size(), errors, issued);
    }

    private static String value(List<String> fields, int column) {
        if (column < 0 || column >= fields.size()) {
            return null;
        }
        String v = fields.get(column).trim();
        return v.isEmpty() ? null : v;
    }

    /** Splits one CSV line; double quotes enclose a field that contains commas, "" is a quote. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
