package io.newslens.job;

/** An expected failure caused by what the user asked for (bad input path, output not ours, bad value): exit 2. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
