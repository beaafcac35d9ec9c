/// The generator's command line.
struct Options {
  struct Problem: Error {
    var message: String
  }

  static let usage = "usage: safetykb-gen --entries N --out DIR [--seed S] [--sql FILE]"

  var entries = 1_000
  var out = ""
  var seed: UInt64 = 7
  var sql: String?

  init(_ arguments: [String]) throws(Problem) {
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      guard let value = rest.popFirst() else { throw Problem(message: "'\(flag)' needs a value") }
      switch flag {
      case "--entries":
        guard let n = Int(value.replacingOccurrences(of: "_", with: "")), n >= 0 else {
          throw Problem(message: "--entries needs a count, not '\(value)'")
        }
        entries = n
      case "--out": out = value
      case "--seed":
        guard let s = UInt64(value) else { throw Problem(message: "--seed needs a number") }
        seed = s
      case "--sql": sql = value
      default: throw Problem(message: "unknown option '\(flag)'")
      }
    }
    if out.isEmpty { throw Problem(message: "--out DIR is required") }
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(
      separator: replacement)
  }
}
