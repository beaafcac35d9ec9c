import Foundation
import Rendering
import ShellKit

/// The shell on a terminal. (Line editing arrives with the LineEditing module.)
struct InteractiveLoop {
  let shell: Shell
  let colorOptions: ColorOptions

  func run() -> Int32 {
    Output.standard.write(shell.banner + "\n")
    return BatchLoop(shell: shell, options: colorOptions.renderOptions()).run()
  }
}
