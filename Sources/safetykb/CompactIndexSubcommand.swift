import ArgumentParser
import Foundation
import KnowledgeModel
import QueryEngine

/// `safetykb compact-index --kb DIR`: builds a knowledge base's index again and writes it to the
/// cache, so that loads stop merging the changes made since into the older one (hidden: a load
/// that merged changes starts it, detached, for a knowledge base large enough to have a watch
/// daemon).
struct CompactIndexSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compact-index",
    abstract: "Build a knowledge base's index again and write it to the cache.",
    shouldDisplay: false
  )

  @Option(help: ArgumentHelp("The knowledge base folder.", valueName: "dir"))
  var kb: String

  @Option(help: ArgumentHelp("Seconds to wait first, for a burst of edits to end.", valueName: "n"))
  var delay: Int = 2

  func validate() throws {
    guard delay >= 0 else { throw ValidationError("--delay needs a number of seconds, 0 or more") }
  }

  func run() throws {
    let root = URL(fileURLWithPath: kb).path
    guard var cache = CacheLocation.standard(environment: Context.environment) else {
      throw failure("no cache folder: set XDG_CACHE_HOME or HOME")
    }
    // One at a time: every load that merged changes starts one of these, and all but the first
    // find the index file locked and end here, before loading anything. (A build finished
    // meanwhile renamed a new file over the locked one: the next one checks it, finds it
    // current, and ends.)
    let index = open(cache.indexFile(forRoot: root), O_RDONLY | O_CLOEXEC)
    defer { if index >= 0 { close(index) } }
    if index >= 0, flock(index, LOCK_EX | LOCK_NB) != 0 { return }
    // Keeps no folder busy, and gives way to whatever the user runs meanwhile.
    chdir("/")
    _ = nice(10)
    if delay > 0 { sleep(UInt32(delay)) }
    // A daemon already running is asked what changed; none is started from here.
    cache.watch = WatchUse.from(environment: Context.environment, executable: nil)
    let knowledgeBase: KnowledgeBase
    do {
      knowledgeBase = try Loader.load(root, cache: cache)
    } catch {
      throw failure(error.description)
    }
    _ = SearchIndex.compact(knowledgeBase)
  }
}
