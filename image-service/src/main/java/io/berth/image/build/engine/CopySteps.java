package io.berth.image.build.engine;

import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.ContentDigests;
import io.berth.image.build.context.ContextExtractor;
import io.berth.image.build.context.Decompression;
import io.berth.image.build.layer.CopyFailedException;
import io.berth.image.build.layer.CopyPlanner;
import io.berth.image.build.layer.LayerChecksum;
import io.berth.image.build.layer.LayerEntry;
import io.berth.image.build.layer.LayerTarWriter;
import io.berth.image.build.layer.TreeCopyPlanner;
import io.berth.image.importer.ImportService;
import io.berth.oci.Descriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * COPY and ADD: plans the entries (Docker's directory semantics, see {@link CopyPlanner}), their
 * checksum for the cache, and writes them as a layer into the store. ADD also fetches http(s)
 * URLs (mode 0600, as Docker) and unpacks local tar archives (plain, gzip, bzip2, xz).
 */
@ApplicationScoped
public class CopySteps {
  private final ImportService imports;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  public CopySteps(ImportService imports) {
    this.imports = imports;
  }

  /** What a COPY/ADD will write, and how the history and the cache name it. */
  public record Plan(List<LayerEntry> entries, String checksum, String hashLabel) {}

  /**
   * COPY (or ADD when {@code add}) of {@code patterns} from {@code root} to {@code dest}.
   *
   * @param known digests of {@code root}'s files, hashed as they were extracted
   * @param scratch a directory the step may write downloads and unpacked archives to
   */
  public Plan plan(boolean add, Path root, ContentDigests known, Predicate<String> excluded, List<String> patterns, String dest,
      String workingDir, CopyPlanner.Options options, Path scratch) throws IOException {
    String name = add ? "ADD" : "COPY";
    CopyPlanner planner = new CopyPlanner(root, name, excluded);
    List<String> local = new ArrayList<>();
    List<LayerEntry> entries = new ArrayList<>();
    List<CopyPlanner.Source> urlSources = new ArrayList<>();
    for (String p : patterns) {
      if (add && isUrl(p)) {
        urlSources.add(new CopyPlanner.Source(p, download(p, scratch)));
      } else {
        local.add(p);
      }
    }
    List<CopyPlanner.Source> sources = new ArrayList<>(planner.sources(local));
    int count = sources.size() + urlSources.size();
    checkDestination(name, count, dest);
    String target = io.berth.image.build.context.ContextPaths.clean(CopyPlanner.absolute(dest, workingDir));
    for (CopyPlanner.Source s : sources) {
      if (add && Files.isRegularFile(s.path()) && isArchive(s.path())) {
        Path unpacked = Files.createTempDirectory(scratch, "add");
        try (InputStream in = Files.newInputStream(s.path())) {
          ContextExtractor.extract(in, unpacked);
        }
        CopyPlanner.parents(entries, target, true, options);
        planner.copyTree(unpacked, target, entries, options);
      } else {
        entries.addAll(planner.plan(List.of(s), count > 1 ? withSlash(dest) : dest, workingDir, options));
      }
    }
    for (CopyPlanner.Source u : urlSources) {
      // A URL's file is 0600 unless --chmod, as Docker makes it.
      CopyPlanner.Options urlOptions = options.chmod() != null ? options
          : new CopyPlanner.Options(options.uid(), options.gid(), 0600);
      entries.addAll(planner.plan(List.of(u), count > 1 ? withSlash(dest) : dest, workingDir, urlOptions));
    }
    String label = count > 1 ? "multi" : !sources.isEmpty() && Files.isDirectory(sources.get(0).path()) ? "dir" : "file";
    return new Plan(entries, LayerChecksum.of(entries, known), label);
  }

  /**
   * The plan of a COPY from the build context, worked out from its in-memory index (no file is
   * read), or null when only the extracted files can tell (no index, a source matching nothing).
   * Its entries serve the checksum only: a COPY that runs plans again with {@link #plan}.
   */
  public Plan planFromTree(BuildContext context, Predicate<String> excluded, List<String> patterns, String dest,
      String workingDir, CopyPlanner.Options options) throws IOException {
    if (context.tree() == null) {
      return null;
    }
    TreeCopyPlanner planner = new TreeCopyPlanner(context.tree(), context.dir(), excluded);
    List<String> sources = planner.sources(patterns);
    if (sources == null) {
      return null;
    }
    int count = sources.size();
    checkDestination("COPY", count, dest);
    List<LayerEntry> entries = new ArrayList<>();
    for (String s : sources) {
      entries.addAll(planner.plan(s, count > 1 ? withSlash(dest) : dest, workingDir, options));
    }
    String label = count > 1 ? "multi" : !sources.isEmpty() && planner.isDirectory(sources.get(0)) ? "dir" : "file";
    return new Plan(entries, LayerChecksum.of(entries, context.treeDigests()), label);
  }

  private static void checkDestination(String name, int count, String dest) {
    boolean destIsDir = dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.");
    if (count > 1 && !destIsDir) {
      throw new CopyFailedException("When using " + name
          + " with more than one source file, the destination must be a directory and end with a /");
    }
  }

  /** Writes {@code entries} as a layer tar into the blob store. */
  public Descriptor ingest(List<LayerEntry> entries, Path scratch) throws IOException {
    Path tar = Files.createTempFile(scratch, "layer", ".tar");
    try {
      try (OutputStream out = Files.newOutputStream(tar)) {
        LayerTarWriter.write(entries, out);
      }
      try (InputStream in = Files.newInputStream(tar)) {
        return imports.ingestLayer(in);
      }
    } finally {
      Files.deleteIfExists(tar);
    }
  }

  static boolean isUrl(String s) {
    return s.startsWith("http://") || s.startsWith("https://");
  }

  private static String withSlash(String dest) {
    return dest.endsWith("/") ? dest : dest + "/";
  }

  /** Whether {@code file} is a tar archive, compressed or not (Docker's IsArchivePath). */
  static boolean isArchive(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        InputStream in = Decompression.open(raw)) {
      byte[] head = in.readNBytes(512);
      return head.length == 512 && TarArchiveInputStream.matches(head, head.length);
    } catch (IOException e) {
      return false;
    }
  }

  /** Fetches {@code url} into {@code scratch} under the URL's file name (Docker's naming). */
  private Path download(String url, Path scratch) throws IOException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new CopyFailedException("ADD failed: invalid URL " + url);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty()) {
      throw new CopyFailedException("cannot determine filename from url: " + url);
    }
    Path dir = Files.createTempDirectory(scratch, "url");
    Path file = dir.resolve(name);
    HttpResponse<InputStream> r;
    try {
      r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      throw new CopyFailedException("failed to GET " + url + ": " + e.getMessage());
    }
    try (InputStream in = r.body()) {
      if (r.statusCode() >= 400) {
        throw new CopyFailedException("failed to GET " + url + " with status " + r.statusCode());
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    r.headers().firstValue("Last-Modified").ifPresent(lm -> {
      try {
        Instant t = ZonedDateTime.parse(lm, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Files.setLastModifiedTime(file, FileTime.from(t));
      } catch (RuntimeException | IOException ignored) {
        // no usable date: the download time stays
      }
    });
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new CopyFailedException("failed to download " + url);
    }
    return file;
  }
}
