package io.berth.image.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A request body whose read failures (the client hung up mid-upload) become the spec's
 * BLOB_UPLOAD_INVALID instead of a server error, so they are told apart from disk failures.
 */
final class ClientBody extends FilterInputStream {

  ClientBody(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw interrupted(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw interrupted(e);
    }
  }

  private static RegistryException interrupted(IOException e) {
    return new RegistryException(RegistryErrorCode.BLOB_UPLOAD_INVALID,
        Map.of("reason", "the upload ended before its content did: " + e.getMessage()));
  }
}
