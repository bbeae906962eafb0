package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.update.ReleaseService;
import org.kioskops.hub.update.UpdateError;

/** Software releases: upload with a detached signature, list, and download with resumable ranges. */
@Path("/api/releases")
@Tag(name = "Releases")
public class ReleaseResource {
    @Inject
    ReleaseService releases;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a release (form fields: file, kind agent|firmware, version, hardwareModels comma-separated, notes, "
            + "signature: base64 Ed25519 signature of the file made offline); refused unless the signature verifies against a trusted "
            + "release key (a demo hub signs unsigned uploads itself)")
    public Response upload(@RestForm("file") FileUpload file, @RestForm String kind, @RestForm String version,
                           @RestForm String hardwareModels, @RestForm String notes, @RestForm String signature,
                           @Context HttpHeaders headers) {
        if (file == null) {
            throw new HubException(UpdateError.INVALID_RELEASE, "a release needs its file (form field 'file')");
        }
        List<String> models = hardwareModels == null ? List.of()
                : Arrays.stream(hardwareModels.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
        try (InputStream content = Files.newInputStream(file.uploadedFile())) {
            ReleaseService.View view = releases.upload(new ReleaseService.Upload(kind, version, models, notes, file.fileName(), signature),
                    content, Actors.of(headers));
            return Response.status(Response.Status.CREATED).entity(view).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every release, newest first")
    public List<ReleaseService.View> list() {
        return releases.list();
    }

    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The trusted release public keys by id (PEM), to pin in the boxes' configuration")
    public Map<String, String> keys() {
        return releases.trustedKeys();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One release")
    public ReleaseService.View get(@PathParam("id") long id) {
        return releases.get(id);
    }

    @GET
    @Path("{id}/file")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The release's file; a Range header (bytes=first-last, first-, -suffix) gets 206 with that part, so an "
            + "interrupted download resumes; ETag is the file's SHA-256")
    public Response file(@PathParam("id") long id, @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        ReleaseService.View release = releases.get(id);
        String etag = "\"" + release.sha256() + "\"";
        Optional<ByteRange> part;
        try {
            // a range is served only for the file the client started with
            part = ifRange != null && !ifRange.equals(etag) ? Optional.empty() : ByteRange.parse(range, release.sizeBytes());
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + e.size).header("Accept-Ranges", "bytes").build();
        }
        long first = part.map(ByteRange::first).orElse(0L);
        long length = part.map(ByteRange::length).orElse(release.sizeBytes());
        StreamingOutput body = out -> {
            try (SeekableByteChannel in = releases.open(release)) {
                in.position(first);
                copy(in, Channels.newChannel(out), length);
            }
        };
        Response.ResponseBuilder answer = Response.status(part.isPresent() ? 206 : 200).entity(body)
                .header("Accept-Ranges", "bytes").header("ETag", etag).header("Content-Length", length)
                .header("Content-Disposition", "attachment; filename=\"" + release.fileName().replace("\"", "") + "\"");
        part.ifPresent(r -> answer.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + release.sizeBytes()));
        return answer.build();
    }

    private static void copy(SeekableByteChannel in, WritableByteChannel out, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long left = length;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the release file ended early");
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            left -= n;
        }
    }
}
