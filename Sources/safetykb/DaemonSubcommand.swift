import ArgumentParser
import Console
import Foundation
import KnowledgeModel

/// `safetykb daemon status|start|stop [--kb DIR]`: the watch daemon that lets one-shot commands
/// skip looking at every file.
struct DaemonSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "daemon",
    abstract: "Show, start or stop the daemon that watches a knowledge base's files.",
    discussion: """
      The daemon watches the folders with inotify and keeps a journal of the files touched, so a \
      one-shot command reads the stamps of those files only. It also keeps the knowledge base \
      and its index in memory and answers `safetykb query`, `show` and `explain` itself, on the \
      command's own output (SAFETYKB_SERVE=never answers in the command instead). It exits \
      after 15 minutes without a question. Its lock, process id, journal and socket are kept in the cache folder.
      """,
    subcommands: [Status.self, Start.self, Stop.self],
    defaultSubcommand: Status.self
  )

  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Say whether a daemon runs, with its process id, journal token and size, and the queries it answered.",
      discussion: "Exit status: 0 when every knowledge base has a daemon, 1 when one has none.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    func run() throws {
      var all = true
      for journal in try knowledgeBase.journals() {
        let status = journal.status()
        all = all && status.running
        var line = "\(journal.root): \(status.summary)"
        if status.running {
          let answered = QueryClient.answeredCount(root: journal.root, state: journal.state)
          line +=
            answered.map { "; answering queries (\($0) answered)" } ?? "; not answering queries"
        }
        Output.standard.write(line + "\n")
      }
      if !all { throw ExitCode(1) }
    }
  }

  struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Start a daemon unless one runs, and wait until it watches.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    func run() throws {
      let executable = Context.executable
      for journal in try knowledgeBase.journals() {
        if journal.hasDaemon {
          Output.standard.write("\(journal.root): already running\n")
          continue
        }
        guard journal.startDaemon(executable: executable) else {
          throw failure("cannot start the daemon for '\(journal.root)'")
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while journal.status().token == nil, ContinuousClock.now < deadline { usleep(5_000) }
        Output.standard.write("\(journal.root): \(journal.status().summary)\n")
      }
    }
  }

  struct Stop: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop the daemon (SIGTERM).")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    func run() throws {
      for journal in try knowledgeBase.journals() {
        guard journal.hasDaemon else {
          Output.standard.write("\(journal.root): not running\n")
          continue
        }
        guard journal.stopDaemon() else {
          throw failure("the daemon for '\(journal.root)' did not stop")
        }
        Output.standard.write("\(journal.root): stopped\n")
      }
    }
  }
}

extension KnowledgeBaseOptions {
  /// A journal client for each knowledge base, its state in the cache folder.
  func journals() throws -> [ChangeJournal] {
    guard let cache = CacheLocation.standard(environment: Context.environment) else {
      throw failure("no cache folder: set XDG_CACHE_HOME or HOME")
    }
    return try locate().map { ChangeJournal(root: $0, cache: cache) }
  }
}

extension WatchStatus {
  /// `running (pid 4242, journal 3f2a9c0d11e2b7a4, 1234 bytes)` or `not running`.
  var summary: String {
    guard running else { return "not running" }
    var parts = pid.map { ["pid \($0)"] } ?? []
    if let token {
      let hex = String(token, radix: 16)
      parts.append("journal " + String(repeating: "0", count: 16 - hex.count) + hex)
    }
    if let journalBytes { parts.append("\(journalBytes) bytes") }
    return parts.isEmpty ? "running" : "running (\(parts.joined(separator: ", ")))"
  }
}
