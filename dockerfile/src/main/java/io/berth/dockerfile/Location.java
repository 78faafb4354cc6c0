package io.berth.dockerfile;

/** Where an instruction starts: the Dockerfile's name and its 1-based line (0: the whole file). */
public record Location(String file, int line) {}
