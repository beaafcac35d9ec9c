import ArgumentParser
import Foundation
import Rendering

/// When to colour output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

/// `--color`, decided once with the terminal facts into `RenderOptions`.
struct ColorOptions: ParsableArguments {
  @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always, never.")
  var color: ColorChoice = .auto

  /// Render options for standard output.
  func renderOptions(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> RenderOptions
  {
    let terminal = isatty(1) == 1
    let dumb = environment["TERM"] == "dumb"
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    let colored: Bool
    switch color {
    case .always: colored = true
    case .never: colored = false
    case .auto: colored = terminal && !dumb && !noColor
    }
    return RenderOptions(
      width: Self.width(environment: environment), color: colored, terminal: terminal)
  }

  /// The terminal's width, else `$COLUMNS`, else 80.
  static func width(environment: [String: String]) -> Int {
    var size = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
    return 80
  }
}
