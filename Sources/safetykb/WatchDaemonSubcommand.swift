import ArgumentParser
import Console
import Foundation
import KnowledgeModel

/// `safetykb watch-daemon --root DIR --state DIR [--idle SECONDS]`: the daemon that watches a
/// knowledge base for one-shot commands (hidden: the program starts it, detached).
struct WatchDaemonSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch-daemon",
    abstract:
      "Watch a knowledge base's files, keep a journal of those touched, and answer queries.",
    shouldDisplay: false
  )

  @Option(help: ArgumentHelp("The knowledge base folder.", valueName: "dir"))
  var root: String

  @Option(help: ArgumentHelp("The folder for the lock, journal and cookies.", valueName: "dir"))
  var state: String

  @Option(help: ArgumentHelp("Exit after this many seconds without a question.", valueName: "n"))
  var idle: Int = 15 * 60

  func validate() throws {
    guard idle >= 1 else { throw ValidationError("--idle needs a number of seconds, at least 1") }
  }

  func run() throws {
    let root = URL(fileURLWithPath: root).path
    let state = URL(fileURLWithPath: state).path
    // A daemon keeps no folder busy (one could not unmount it).
    chdir("/")
    // It answers one-shot queries too, from memory, when its state folder is the one the
    // cache of its environment gives (the commands that find it use the same).
    let server = QueryServer.forDaemon(root: root, state: state, environment: Context.environment)
    let status = WatchDaemon.run(
      root: root, state: state, idle: .seconds(idle), started: { server?.start() },
      finished: { server?.stop() }, lastActivity: { server?.lastActive })
    if status != 0 { throw failure("cannot watch '\(root)' with state in '\(state)'") }
  }
}
