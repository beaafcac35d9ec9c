import Foundation
import KnowledgeModel
import TestSupport
import Testing

@testable import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// Asking for files ahead of reading them changes nothing but when they are read.
@Suite struct ReadAheadTests {
  /// Files, a folder, a missing path and a named pipe with no writer (which a blocking open
  /// would wait on forever): every path is passed, the files are left as they were.
  @Test(.timeLimit(.minutes(1))) func passesOverWhatItCannotReadAndNeverWaits() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("a.md", "---\ntitle: A\n---\nBody.\n")
    let other = try folder.write("sub/b.md", "text")
    let pipe = folder.url("pipe")
    #expect(mkfifo(pipe, 0o600) == 0)
    let paths = [file, folder.url("sub"), folder.url("missing.md"), pipe, other]
    let readAhead = ReadAhead(paths + paths)
    readAhead.wait()
    readAhead.wait()
    #expect(folder.text("a.md") == "---\ntitle: A\n---\nBody.\n")
    #expect(folder.text("sub/b.md") == "text")
    ReadAhead([]).wait()
  }

  /// A file just read is held; an empty one needs nothing; a folder, a pipe and a missing path
  /// cannot be told, and are asked for (which does nothing for them).
  @Test(.timeLimit(.minutes(1))) func tellsAFileHeldInThePageCache() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("a.md", String(repeating: "Words of a body. ", count: 1000))
    _ = folder.text("a.md")
    let empty = try folder.write("empty.md", "")
    let pipe = folder.url("pipe")
    #expect(mkfifo(pipe, 0o600) == 0)
    #expect(ReadAhead.isHeld(file))
    #expect(ReadAhead.isHeld(empty))
    #expect(!ReadAhead.isHeld(folder.path))
    #expect(!ReadAhead.isHeld(pipe))
    #expect(!ReadAhead.isHeld(folder.url("missing.md")))
  }

  /// A knowledge base loaded without a cache, which asks for its files ahead, loads as one
  /// loaded through a cache.
  @Test func aLoadAheadIsTheLoadAsBefore() throws {
    let folder = try TemporaryFolder()
    try folder.writeManyEntries(300)
    let held = try Loader.load(folder.url("kb"))
    let cached = try Loader.load(
      folder.url("kb"), cache: CacheLocation(directory: folder.url("cache")))
    #expect(held.entries.count == 300)
    #expect(Array(held.entries) == Array(cached.entries))
  }
}
