package io.newslens.job;

/** An expected failure while running (an output that can't be written, …): one line, exit 1. */
public class RunFailedException extends RuntimeException {
  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
