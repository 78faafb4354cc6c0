package io.berth.image.registry;

import io.berth.image.blob.UploadStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.WriteStream;

/**
 * The write end of a chunk upload: each buffer is hashed into the session's running digest on the
 * event loop (SHA-256 under C2 is several times faster than the network) and written
 * asynchronously to the session file, with the file's back-pressure passed on to the request.
 */
final class HashingFileStream implements WriteStream<Buffer> {
  private final AsyncFile file;
  private final UploadStore.Append append;
  private volatile boolean writeFailed;

  HashingFileStream(AsyncFile file, UploadStore.Append append) {
    this.file = file;
    this.append = append;
  }

  /** True when the disk (not the client) failed: a server error rather than a bad upload. */
  boolean writeFailed() {
    return writeFailed;
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    file.exceptionHandler(handler);
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    append.update(data.getByteBuf().nioBuffer());
    return file.write(data).onFailure(e -> writeFailed = true);
  }

  @Override
  public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
    write(data).onComplete(handler);
  }

  @Override
  public Future<Void> end() {
    return file.end().onFailure(e -> writeFailed = true);
  }

  @Override
  public void end(Handler<AsyncResult<Void>> handler) {
    end().onComplete(handler);
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    file.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return file.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    file.drainHandler(handler);
    return this;
  }
}
