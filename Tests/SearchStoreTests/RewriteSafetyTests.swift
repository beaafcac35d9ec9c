import Foundation
import Testing

@testable import SearchStore

/// Found by FuzzStore: libyaml reads some documents it cannot write back the same (a custom tag
/// on a key is dropped, so two different keys become one duplicate key). A save must never
/// write a store that no longer reads back: it is refused and the file left as it was.
@Suite struct RewriteSafetyTests {
  static let taggedKeys = """
    searches:
      - name: kept
        query: tag:x
    ? - a
    : 1
    ? - !local a
    : 2

    """

  @Test func theMinimalDocumentDoesNotReadBackAfterARewrite() throws {
    let document = try StoreDocument(text: Self.taggedKeys, path: "s.yaml")
    let written = try document.serialized()
    #expect(throws: StoreProblem.self) { try StoreDocument(text: written, path: "s.yaml") }
  }

  @Test func aSaveThatWouldNotReadBackIsRefused() throws {
    let f = Fixture()
    f.writePersonal(Self.taggedKeys)
    #expect(
      throws: SearchStoreError.ioFailed(
        .save, path: f.personalPath,
        message:
          "the file uses YAML that cannot be written back as it was read (a tag on a key?); edit it by hand"
      )
    ) {
      try f.searches().save(name: "new", query: "tag:y")
    }
    #expect(f.personalText == Self.taggedKeys)
    #expect(f.searches().load().searches.map(\.search.name) == ["kept"])
  }

  @Test func theFuzzInputIsRefusedToo() throws {
    let crash = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(
        "Fuzz/corpus/FuzzStore/crash-rewrite-drops-tag")
    let bytes = try Data(contentsOf: crash)
    let f = Fixture()
    let path = f.writePersonal(String(decoding: bytes, as: UTF8.self))
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(throws: SearchStoreError.self) { try f.searches().save(name: "new", query: "tag:y") }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }
}
