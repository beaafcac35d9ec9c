import Foundation

/// Fixture folders committed under Tests/Fixtures.
public enum FixturePaths {
  static var tests: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Tests")
  }

  /// A small knowledge base of eight entries with a vocabulary and shared searches.
  public static var smallKB: String { tests.appendingPathComponent("Fixtures/small-kb").path }

  /// The committed libFuzzer corpus of one target (Tests/Fuzz/corpus/TARGET).
  public static func fuzzCorpus(_ target: String) -> String {
    tests.appendingPathComponent("Fuzz/corpus/\(target)").path
  }
}
