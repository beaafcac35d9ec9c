import LineEditing
import Rendering

/// When to colour output (`--color`).
public enum ColorChoice: String, CaseIterable, Sendable {
  case auto, always, never
}

extension TerminalInfo {
  /// How standard output is drawn: colour by the choice (auto: on a terminal that can show it,
  /// unless `NO_COLOR`), at the terminal's width.
  public func renderOptions(color choice: ColorChoice) -> RenderOptions {
    let color: Bool
    switch choice {
    case .always: color = true
    case .never: color = false
    case .auto: color = usesColor
    }
    return RenderOptions(width: columns, color: color, terminal: stdoutIsTTY)
  }
}
