/// Large structures the program keeps until it exits. A one-shot command ends as soon as it has
/// written its answer; freeing a big knowledge base and its index first would only add time (a
/// tenth of a warm start at 10,000 entries), so they are parked here and the process exits
/// without tearing them down.
public enum KeptUntilExit {
  nonisolated(unsafe) private static var values: [Any] = []

  public static func keep(_ value: Any) {
    values.append(value)
  }
}
