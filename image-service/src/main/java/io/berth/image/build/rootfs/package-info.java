/** Reading an image's merged filesystem for COPY --from and --chown name lookups. */
package io.berth.image.build.rootfs;
