package tether.proxy;

/** Placeholder launcher. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not yet");
  }
}
