import ArgumentParser
import Foundation
import KnowledgeModel
import Rendering
import ShellKit

/// `safetykb` with no subcommand (or `safetykb shell`): the interactive shell on a terminal; on
/// a pipe or file, one line at a time with no prompt.
struct ShellCommandLine: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "The interactive shell (the default). Reads one query or command a line from a pipe."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var colorOptions: ColorOptions

  @Option(help: "Initial output format.") var format: Format?

  func run() throws {
    let kb = try knowledgeBase.load()
    let path = knowledgeBase.resolvedPath
    let cache = knowledgeBase.cache
    let shell = Shell(
      knowledgeBase: kb, path: path, searches: Stores.searches(kbPath: path),
      load: { try Loader.load($0, cache: cache, locations: false) })
    shell.format = format
    let environment = ProcessInfo.processInfo.environment
    let terminal = isatty(0) == 1 && isatty(1) == 1
    let status: Int32
    if terminal && environment["TERM"] != "dumb" {
      status = InteractiveLoop(shell: shell, colorOptions: colorOptions).run()
    } else if terminal {
      // TERM=dumb: a prompt and plain line reading, no line editing. Ctrl-C must not end the
      // shell; ignored, it still makes the terminal discard the line being typed.
      signal(SIGINT, SIG_IGN)
      Output.standard.write(shell.banner + "\n")
      status = BatchLoop(shell: shell, options: colorOptions.renderOptions(), prompt: "safetykb> ")
        .run()
    } else {
      status = BatchLoop(shell: shell, options: colorOptions.renderOptions()).run()
    }
    if status != 0 { throw Exit(status: status) }
  }
}
