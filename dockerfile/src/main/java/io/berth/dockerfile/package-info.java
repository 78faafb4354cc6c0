/**
 * Dockerfiles as Docker reads them: the parser, variable substitution, stages, and the
 * {@code .dockerignore} and {@code COPY} glob rules. Plain Java; image-service's builder uses it.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/">Dockerfile reference</a>
 */
package io.berth.dockerfile;
