package tether.examples.demo;

/** Placeholder until the demo application lands. */
public final class DemoApp {
  private DemoApp() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not yet");
  }
}
