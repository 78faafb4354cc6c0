/** RUN steps of a build: executed as containers on a node, their diff captured as a layer. */
package io.berth.image.build.run;
