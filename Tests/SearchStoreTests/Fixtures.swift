import Foundation

@testable import SearchStore

/// A store pair in a temporary folder with a fixed clock.
struct Fixture {
  let folder = TemporaryFolder()
  /// Seconds since 1970 for `now`; 2026-11-27T10:00:00Z.
  static let start: TimeInterval = 1_795_773_600

  var personalPath: String { folder.file("config/safetykb/searches.yaml") }
  var sharedPath: String { folder.file("kb/searches.yaml") }

  func searches(at seconds: TimeInterval = Fixture.start) -> SavedSearches {
    SavedSearches(
      personal: PersonalStore(path: personalPath), shared: SharedStore(path: sharedPath),
      now: { Date(timeIntervalSince1970: seconds) })
  }

  @discardableResult
  func writeShared(_ text: String) -> String { folder.write(text, to: "kb/searches.yaml") }

  @discardableResult
  func writePersonal(_ text: String) -> String {
    folder.write(text, to: "config/safetykb/searches.yaml")
  }

  var personalText: String? { folder.read("config/safetykb/searches.yaml") }
}
