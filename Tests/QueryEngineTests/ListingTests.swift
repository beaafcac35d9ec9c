import CacheFormat
import Foundation
import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

/// The listing: every entry's id, kind, date and title in one buffer, in title order.
@Suite struct ListingTests {
  let index = SearchIndex(
    KnowledgeBase(root: "", name: "f", vocabulary: nil, entries: Fixture.entries))

  func text(_ entry: Int, _ field: Listing.Field) -> String? {
    guard case .text(let start, let count, _) = index.listing.span(entry, field) else { return nil }
    return String(decoding: index.listing.bytes[start..<start + count], as: UTF8.self)
  }

  @Test func everyFieldReadsBackAsWritten() {
    for (n, entry) in Fixture.entries.enumerated() {
      #expect(text(n, .id) == entry.id)
      #expect(text(n, .title) == entry.title)
      #expect(text(n, .kind) == entry.kind)
      #expect(text(n, .date) == entry.dateText)
      if entry.kind == nil { #expect(index.listing.span(n, .kind) == .absent) }
      if entry.dateText == nil { #expect(index.listing.span(n, .date) == .absent) }
    }
  }

  @Test func entriesAreLaidOutInTitleOrder() {
    let starts = index.titleOrder.map { n -> Int in
      guard case .text(let start, _, _) = index.listing.span(Int(n), .id) else { return -1 }
      return start
    }
    #expect(starts == starts.sorted() && starts.first == 0)
  }

  @Test func aFieldTooLongIsLeftToTheEntry() {
    let long = String(repeating: "é", count: 20_000)
    let entries = [Entry(id: "a", title: long, body: ""), Entry(id: "b", title: "B", body: "")]
    let listing = Listing(entries, order: [0, 1])
    #expect(listing.span(0, .title) == .unlisted && listing.span(0, .id) == .unlisted)
    #expect(listing.span(1, .title) == .text(start: 1, count: 1, plain: true))
    #expect(listing.isValid(count: 2))
  }

  /// A field is plain when every data format writes it as it is: printable ASCII without a
  /// backslash, double quote or comma.
  @Test func plainFieldsAreMarked() {
    let titles = ["Plain title", "Comma, here", "Say \"hi\"", "Back\\slash", "Tab\there", "Café"]
    let entries = titles.enumerated().map {
      Entry(id: "e\($0.offset)", title: $0.element, body: "")
    }
    let listing = Listing(entries, order: (0..<Int32(titles.count)).map { $0 })
    let plain = (0..<titles.count).map { n -> Bool in
      guard case .text(_, _, let plain) = listing.span(n, .title) else { return false }
      return plain
    }
    #expect(plain == [true, false, false, false, false, false])
    #expect(listing.span(0, .id) == .text(start: 0, count: 2, plain: true))
    #expect(listing.isValid(count: titles.count))
    // A flag that lies about its text is refused.
    var spans = listing.spans
    spans[3 * 1 + 2] |= Listing.plainFlag
    #expect(!Listing(bytes: listing.bytes, spans: spans).isValid(count: titles.count))
  }

  @Test func aDamagedListingIsRefused() {
    let good = index.listing
    #expect(good.isValid(count: index.count))
    #expect(!good.isValid(count: index.count + 1))
    // A span running past the end, a span cutting a character in two, text that is not UTF-8.
    var spans = good.spans
    spans[0] = UInt32(good.bytes.count)
    #expect(!Listing(bytes: good.bytes, spans: spans).isValid(count: index.count))
    // The check of a listing read from a checked index file: bounds only.
    #expect(good.isInBounds(count: index.count))
    #expect(!good.isInBounds(count: index.count + 1))
    #expect(!Listing(bytes: good.bytes, spans: spans).isInBounds(count: index.count))
    #expect(Listing.unlisted(count: 3).isInBounds(count: 3))
    let cafe = Listing([Entry(id: "café", title: "t", body: "")], order: [0])
    var cut = cafe.spans
    cut[1] = 4 << 16 | Listing.absentLength
    #expect(!Listing(bytes: cafe.bytes, spans: cut).isValid(count: 1))
    var bytes = cafe.bytes
    bytes[3] = 0xFF
    #expect(!Listing(bytes: bytes, spans: cafe.spans).isValid(count: 1))
  }

  @Test func theCachedIndexKeepsTheListing() throws {
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    let fresh = Searcher(try Loader.load(FixturePaths.smallKB)).index.listing
    let kb = try Loader.load(FixturePaths.smallKB, cache: location)
    _ = Searcher(cachedFor: kb)
    let path = try #require(kb.indexCachePath)
    let file = try #require(IndexFile.open(path))
    #expect(file.key == kb.cacheKey)
    let cached = try #require(SearchIndex(file: file))
    #expect(cached.listing == fresh)
  }
}
