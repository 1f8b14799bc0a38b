package io.newslens.ingest;

import java.io.Serializable;

/** One input file found under the given input paths: its fully qualified path, size in bytes and mtime. */
public record InputFile(String path, long size, long modified) implements Serializable {}
