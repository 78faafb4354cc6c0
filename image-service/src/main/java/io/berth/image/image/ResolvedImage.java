package io.berth.image.image;

/** An image found by name, with the tag that matched (null when found by id or digest). */
public record ResolvedImage(ImageEntity image, TagEntity tag) {}
