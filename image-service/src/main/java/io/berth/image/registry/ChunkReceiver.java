package io.berth.image.registry;

import io.berth.image.blob.UploadStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Receives one upload chunk on the event loop: each buffer is hashed into the session's running
 * digest and written to the session file as it arrives. The write is a plain {@link FileChannel}
 * write into the page cache, done inline on purpose: it costs about what hashing the buffer does
 * (tens of microseconds for 64 KiB), while handing every buffer to a worker thread (Vert.x's
 * async file) cost more CPU than the copy itself and halved upload throughput on 2 cores.
 */
final class ChunkReceiver {
  private final HttpServerRequest request;
  private final UploadStore.Append append;
  private final Promise<Void> done = Promise.promise();
  private FileChannel file;
  private IOException writeFailure;

  private ChunkReceiver(HttpServerRequest request, UploadStore.Append append) {
    this.request = request;
    this.append = append;
  }

  /** Streams the (paused) request body onto the end of the session; fails with the spec's error if the client hangs up. */
  static Future<Void> receive(HttpServerRequest request, UploadStore.Append append) {
    return new ChunkReceiver(request, append).start();
  }

  private Future<Void> start() {
    try {
      file = FileChannel.open(append.file(), StandardOpenOption.WRITE);
      file.position(append.offset());
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    request.handler(this::write);
    request.exceptionHandler(e -> done.tryFail(new RegistryException(RegistryErrorCode.BLOB_UPLOAD_INVALID,
        Map.of("reason", "the upload ended before its content did: " + e.getMessage()))));
    request.endHandler(v -> {
      if (writeFailure != null) {
        done.tryFail(writeFailure);
      } else {
        done.tryComplete();
      }
    });
    request.resume();
    return done.future().andThen(r -> close());
  }

  private void write(io.vertx.core.buffer.Buffer buffer) {
    if (writeFailure != null) {
      return; // the disk failed: drain the rest, answer at the end
    }
    ByteBuffer bytes = buffer.getByteBuf().nioBuffer();
    append.update(bytes.duplicate());
    try {
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
    } catch (IOException e) {
      writeFailure = e;
    }
  }

  private void close() {
    try {
      file.close();
    } catch (IOException e) {
      // nothing more was going to be written
    }
  }
}
